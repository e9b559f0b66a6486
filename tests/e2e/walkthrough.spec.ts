// The rest of the newcomer's walk-through (issue #13): what a person sees on the Security page,
// the citizen picker for a new case, the import screen, saved views, words instead of codes.
// (The invitation form keeping what was typed is tests/e2e/forms.spec.ts.)
import { expect, test, type Page } from "@playwright/test";
import { DEMO, newTenant, signIn, uniqueId } from "../support/e2e-tenant";

test("the Security page names this browser's device and address", async ({ page }) => {
  await signIn(page, DEMO);
  await page.goto("/demo/settings/security");
  const current = page
    .getByRole("list", { name: "Active sessions" })
    .getByRole("listitem")
    .filter({ hasText: "This browser" });
  await expect(current).toContainText(/Chrom/);
  await expect(current).toContainText("127.0.0.1");
  await expect(current).not.toContainText("Unknown device");
  await expect(current).not.toContainText("address unknown");
});

test("New case on the cases list: the citizen is chosen in the form, by keyboard", async ({ page }) => {
  const tenant = await newTenant(page);
  const last = `Eriksen${uniqueId()}`;
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name").fill("Amira");
  await page.getByLabel("Last name").fill(last);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Amira ${last}` })).toBeVisible();

  await page.goto(`/${tenant.slug}/cases`);
  await page.getByRole("link", { name: "New case" }).click();
  await expect(page.getByRole("heading", { name: "Open a case" })).toBeVisible();
  await expect(page.getByText(/choose a citizen/i)).toHaveCount(0);
  // Opening it without a citizen says so at the picker, and focus goes there.
  await page.getByLabel("Title").fill("Broken streetlight");
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  const picker = page.getByRole("combobox", { name: "For which citizen" });
  await expect(picker).toBeFocused();
  await expect(page.getByText("Choose a citizen")).toBeVisible();

  await picker.pressSequentially(last.slice(0, 9).toLowerCase());
  const option = page.getByRole("option", { name: `Amira ${last}` });
  await expect(option).toBeVisible();
  await picker.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(picker).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await picker.press("Enter");
  await expect(page.getByRole("button", { name: "Change citizen" })).toBeFocused();
  await expect(page.getByText(`Amira ${last}`)).toBeVisible();
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}/cases/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: "Broken streetlight" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Amira ${last}`);
});

test("the citizen picker says when nobody matches, and Escape closes its list", async ({ page }) => {
  const tenant = await newTenant(page);
  await page.goto(`/${tenant.slug}/cases/new`);
  const picker = page.getByRole("combobox", { name: "For which citizen" });
  await picker.fill("Qqxxzzy");
  await expect(page.getByRole("status").filter({ hasText: "No citizen matches “Qqxxzzy”." })).toBeVisible();
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await picker.press("Escape");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
});

/** Uploads `csv` on the tenant's import page and waits for the report. */
async function checkImport(page: Page, slug: string, csv: string) {
  await page.goto(`/${slug}/citizens/import`);
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  // Each column's choices say in words which field another column already fills.
  await expect(
    page
      .getByLabel("Last name", { exact: true })
      .locator("option", { hasText: "First name (already filled from “First name”)" }),
  ).toHaveCount(1);
  await page.getByRole("button", { name: "Check every row", exact: true }).click();
  await expect(page.getByText("Valid rows", { exact: true })).toBeVisible({ timeout: 60_000 });
}

test("import: a date that is not on the calendar is told so, the usable choice is primary, never 'Import all 0 rows'", async ({
  page,
}) => {
  const tenant = await newTenant(page);
  const id = uniqueId();
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name").fill("Lena");
  await page.getByLabel("Last name").fill(`Known${id}`);
  await page.getByLabel("Email", { exact: true }).fill(`lena.${id}@example.org`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Lena Known${id}` })).toBeVisible();

  // Only a row that is already on file (skipped by default): nothing to import, and it says so.
  await checkImport(page, tenant.slug, `First name,Last name,Email\nLena,Known${id},lena.${id}@example.org\n`);
  await expect(page.getByText("Every valid row looks like an existing citizen")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import all 0 rows/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Import only the 0/ })).toHaveCount(0);

  await checkImport(
    page,
    tenant.slug,
    `First name,Last name,Date of birth\nOk,Row${id},1980-01-31\nBad,Date${id},2099-13-45\n`,
  );
  await expect(page.getByText("Not a real date: there is no month 13")).toBeVisible();
  const validOnly = page.getByRole("button", { name: "Import only the 1 valid row", exact: true });
  await expect(validOnly).toHaveClass(/bg-brand-600/);
  await expect(page.getByRole("button", { name: "Import all 2 rows", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Import all 2 rows", exact: true })).not.toHaveClass(/bg-brand-600/);
});

test("dashboard Recent cases rows open their case", async ({ page }) => {
  await signIn(page, DEMO);
  const table = page.getByRole("region", { name: "Recent cases table" });
  const first = table.getByRole("link").first();
  const title = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/demo\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
});

test("a custom field's key is suggested from its label until the person types their own", async ({ page }) => {
  const tenant = await newTenant(page);
  await page.goto(`/${tenant.slug}/settings/fields`);
  const label = page.getByLabel("Label", { exact: true });
  const key = page.getByLabel("Key", { exact: true });
  await label.fill("Numéro d'électeur");
  await expect(key).toHaveValue("numero_d_electeur");
  await key.fill("voter_no");
  await label.fill("Voter number");
  await expect(key).toHaveValue("voter_no");
  await page.getByRole("button", { name: "Add field", exact: true }).click();
  await expect(page.getByText("Field added: it now appears on every citizen form.")).toBeVisible();
  await expect(key).toHaveValue("");
  await label.fill("Ward");
  await expect(key).toHaveValue("ward");
});

test("saved views: one name per person, and the open view is highlighted", async ({ page }) => {
  const tenant = await newTenant(page);
  await page.goto(`/${tenant.slug}/cases?priority=URGENT`);
  const save = async (name: string) => {
    await page.getByRole("button", { name: "Save this view", exact: true }).click();
    await page.getByLabel("View name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Save", exact: true }).click();
  };
  await save("Urgent ones");
  await expect(page.getByRole("link", { name: "Urgent ones", exact: true })).toBeVisible();
  await page.goto(`/${tenant.slug}/cases?priority=LOW`);
  await save("urgent ONES");
  await expect(page.getByText("You already have a view with this name: choose another")).toBeVisible();
  await expect(page.getByRole("link", { name: /urgent ones/i })).toHaveCount(1);

  await page.getByRole("link", { name: "Urgent ones", exact: true }).click();
  const open = page.getByRole("link", { name: "Urgent ones", exact: true });
  await expect(open).toHaveAttribute("aria-current", "page");
  await expect(open.locator("xpath=..")).toHaveClass(/bg-brand-50/);
  await expect(page.getByRole("link", { name: "All cases", exact: true })).not.toHaveClass(/bg-brand-50/);
});

test("the demo's audit log reads as sentences by its staff, with the raw event on expand; no case waits on a viewer", async ({
  page,
}) => {
  await signIn(page, DEMO);
  await page.goto("/demo/audit");
  const table = page.getByRole("region", { name: "Audit events table" });
  await expect(
    table.getByRole("link", { name: /^(Added a citizen|Opened a case|Changed a case's status)$/ }).first(),
  ).toBeVisible();
  // Codes are gone from what a person reads…
  const actions = await table.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(actions.length).toBeGreaterThan(0);
  for (const text of actions) expect(text).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
  // innerText: what is on screen (the closed "Raw event" holds the codes, on purpose).
  const shown = await table.innerText();
  expect(shown).not.toMatch(/\b(IN_PROGRESS|WAITING|RESOLVED|dateOfBirth|citizen\.created)\b/);
  // …and one click away for whoever needs them.
  const raw = table.getByText("Raw event", { exact: true }).first();
  await raw.click();
  await expect(table.locator("details[open] pre").first()).toContainText(/"action": "[a-z_]+\.[a-z_]+"/);

  await page.goto("/demo/cases");
  await expect(page.getByRole("region", { name: "Cases table" })).not.toContainText("Val Viewer");
});
