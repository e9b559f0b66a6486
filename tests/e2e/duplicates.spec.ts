// Duplicates (issue #11 item 3): two records of one person entered twice (a typo in the surname,
// the same email) are found, reviewed side by side, merged, and the merge undone. The test works
// in an organisation of its own (tests/support/e2e-tenant.ts).
import { expect, test, type Page } from "@playwright/test";
import { newTenant, uniqueId, type Tenant } from "../support/e2e-tenant";

async function createCitizen(page: Page, tenant: Tenant, first: string, last: string, email: string, city: string) {
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name", { exact: true }).fill(first);
  await page.getByLabel("Last name", { exact: true }).fill(last);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("City", { exact: true }).fill(city);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `${first} ${last}`, exact: true })).toBeVisible();
}

test("review a duplicate, merge it, undo the merge", async ({ page }) => {
  const tenant = await newTenant(page);
  const id = uniqueId();
  const email = `geertruida.${id}@example.org`;
  await createCitizen(page, tenant, "Geertruida", "Wijnberg", email, "Riverside");
  await createCitizen(page, tenant, "Geertruida", "Wijnburg", email, "Lakeview");
  // Flagged at creation: the new record says it may be a duplicate.
  await expect(
    page.getByRole("status").filter({ hasText: "This record may be a duplicate of another record." }),
  ).toBeVisible();

  await page.goto(`/${tenant.slug}/citizens`);
  await page.getByRole("link", { name: "Duplicates", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Possible duplicates", exact: true })).toBeVisible();
  await expect(page.getByText("1 pair to review")).toBeVisible();
  // The on-demand search finds the same pair.
  await page.getByRole("button", { name: "Find duplicates now", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Found 1 possible duplicate" })).toBeVisible();

  // The score is explained field by field.
  const scores = page.getByRole("list", { name: "Score by field" });
  await expect(scores.getByText(/Email: same/)).toBeVisible();
  await expect(scores.getByText(/Name: similar/)).toBeVisible();
  await page.getByRole("link", { name: /^Review Geertruida/ }).click();
  await expect(page.getByRole("heading", { name: /Geertruida Wijnb.rg and Geertruida Wijnb.rg/ })).toBeVisible();

  // Keep the Riverside record's surname but take the Lakeview city.
  await page.getByRole("radio", { name: /^Keep Geertruida Wijnberg/ }).check();
  await page.getByRole("radio", { name: "City from Geertruida Wijnburg", exact: true }).check();
  await page.getByRole("button", { name: /^Merge/ }).click();
  await page.getByRole("button", { name: /^Merge into Geertruida Wijnberg/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged Geertruida Wijnburg into" })).toBeVisible();
  await expect(page.getByText("0 pairs to review")).toBeVisible();

  // The kept record now has the chosen city; the other is gone from the list.
  await page.goto(`/${tenant.slug}/citizens`);
  await expect(page.getByRole("link", { name: "Geertruida Wijnberg", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Geertruida Wijnburg", exact: true })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "Lakeview", exact: true })).toBeVisible();

  // Undo from the recent merges: both records are back, each with its own city.
  await page.goto(`/${tenant.slug}/citizens/duplicates`);
  await page.getByRole("button", { name: /^Undo merge/ }).click();
  await page.getByRole("button", { name: /^Restore both records/ }).click();
  await expect(page.getByText("The merge was undone: both records are back as they were.")).toBeVisible();
  await expect(page.getByText("1 pair to review")).toBeVisible();
  await page.goto(`/${tenant.slug}/citizens`);
  await expect(page.getByRole("link", { name: "Geertruida Wijnberg", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Geertruida Wijnburg", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Riverside", exact: true })).toBeVisible();
});

test("an imported row that looks like an existing citizen is flagged in the report, then found in the review queue", async ({
  page,
}) => {
  const tenant = await newTenant(page);
  const id = uniqueId();
  const email = `sjoerdtje.${id}@example.org`;
  await createCitizen(page, tenant, "Sjoerdtje", "Wijbenga", email, "Riverside");
  const existing = page.url();

  await page.goto(`/${tenant.slug}/citizens/import`);
  // Line 2: the same person with the names swapped and the same email; line 3: someone new.
  const csv = ["First name,Last name,Email", `Wijbenga,Sjoerdtje,${email}`, `Tjitske,Wiersma${id},`].join("\n");
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check every row", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Possible duplicates (1)", exact: true })).toBeVisible({
    timeout: 60_000,
  });
  const row = page.getByRole("row").filter({ hasText: "Wijbenga Sjoerdtje" });
  await expect(row.getByRole("cell", { name: "2", exact: true })).toBeVisible();
  const link = row.getByRole("link", { name: "an existing citizen", exact: true });
  await expect(link).toHaveAttribute("href", new URL(existing).pathname);

  // Import it anyway: the pair lands in the review queue at once, without a refresh.
  await page.getByLabel(/^Skip rows that look like existing citizens/).uncheck();
  await page.getByRole("button", { name: "Import all 2 rows", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Imported 2 citizens", exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await page.goto(`/${tenant.slug}/citizens/duplicates`);
  await expect(page.getByText("1 pair to review")).toBeVisible();
  const scores = page.getByRole("list", { name: "Score by field" });
  await expect(scores.getByText(/Email: same/)).toBeVisible();
  await expect(page.getByRole("link", { name: /^Review (Sjoerdtje Wijbenga|Wijbenga Sjoerdtje)/ })).toBeVisible();
});
