// One format per kind of value, from the tenant's setting (issue #13 items 10 and 12): an owner
// changes the language/region and time zone, and a case's date follows; page titles share one
// pattern; an import's invalid row shows its values beside the line number, national ID masked.
import { expect, test, type Page } from "@playwright/test";
import { formatDateTime } from "../../lib/format/format";
import { newTenant, uniqueId } from "../support/e2e-tenant";

async function openCase(page: Page, slug: string, id: string) {
  await page.goto(`/${slug}/citizens/new`);
  await page.getByLabel("First name", { exact: true }).fill("Amira");
  await page.getByLabel("Last name", { exact: true }).fill(`Eriksen${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Amira Eriksen${id}`, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Broken streetlight ${id}`);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Broken streetlight ${id}`, exact: true })).toBeVisible();
  return page.url();
}

test("changing the region and time zone changes how a case's date reads; bad values are told per field", async ({
  page,
}) => {
  const tenant = await newTenant(page);
  const caseUrl = await openCase(page, tenant.slug, uniqueId());
  const created = page.locator("dd time").first();
  const at = new Date((await created.getAttribute("datetime"))!);
  await expect(created).toContainText(formatDateTime(at, { locale: "en-US", timeZone: "UTC" }));
  await expect(page).toHaveTitle(new RegExp(`^Broken streetlight .* – ${tenant.name} · Civitas$`));

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Region and format" }).click();
  await expect(page).toHaveTitle(`Region and format – ${tenant.name} · Civitas`);
  await page.getByLabel("Language and region").selectOption("de-DE");
  await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Not a time zone: use a name such as Europe/Brussels")).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Time zone").fill("Asia/Tokyo");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved: every page now uses these settings.")).toBeVisible();

  await page.goto(caseUrl);
  const tokyo = formatDateTime(at, { locale: "de-DE", timeZone: "Asia/Tokyo" });
  expect(tokyo).toMatch(/GMT\+9$/);
  await expect(page.locator("dd time").first()).toContainText(tokyo);
  await expect(page.getByText(formatDateTime(at, { locale: "en-US", timeZone: "UTC" }))).toHaveCount(0);

  // The setting survives a reload of the settings page.
  await page.goto(`/${tenant.slug}/settings/region`);
  await expect(page.getByLabel("Language and region")).toHaveValue("de-DE");
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
});

test("an invalid import row shows its values beside the line number, the national ID masked", async ({ page }) => {
  const tenant = await newTenant(page);
  const id = uniqueId();
  const csv = [
    "First name,Last name,National ID,Date of birth,City",
    `Ok,Row${id},NID-${id}1,1980-01-31,Gent`,
    `Bram,Peeters${id},NID-445566,2099-13-45,Brugge`,
  ].join("\n");
  await page.goto(`/${tenant.slug}/citizens/import`);
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check every row", exact: true }).click();
  const invalid = page.getByRole("region", { name: /Invalid rows/ });
  await expect(invalid).toBeVisible({ timeout: 60_000 });
  const row = invalid.getByRole("row").filter({ hasText: "Not a real date: there is no month 13" });
  await expect(row.getByRole("cell").first()).toHaveText("3");
  await expect(row).toContainText(`Peeters${id}`);
  await expect(row).toContainText("2099-13-45");
  await expect(row).toContainText("Brugge");
  await expect(row).toContainText("•••566");
  await expect(row).not.toContainText("NID-445566");
});
