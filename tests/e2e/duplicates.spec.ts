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
  await expect(page.getByRole("link", { name: "Wijnberg, Geertruida", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Wijnburg, Geertruida", exact: true })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "Lakeview", exact: true })).toBeVisible();

  // Undo from the recent merges: both records are back, each with its own city.
  await page.goto(`/${tenant.slug}/citizens/duplicates`);
  await page.getByRole("button", { name: /^Undo merge/ }).click();
  await page.getByRole("button", { name: /^Restore both records/ }).click();
  await expect(page.getByText("The merge was undone: both records are back as they were.")).toBeVisible();
  await expect(page.getByText("1 pair to review")).toBeVisible();
  await page.goto(`/${tenant.slug}/citizens`);
  await expect(page.getByRole("link", { name: "Wijnberg, Geertruida", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Wijnburg, Geertruida", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Riverside", exact: true })).toBeVisible();
});
