// Natural-language search as a person uses it, on the offline demo model: words typed above the
// cases list come back as filter chips and a list of words that were not used; a chip is changed
// from the keyboard and another removed; "Show results" runs the normal list with those filters,
// which the filter form then shows. The citizens list has the same box.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueId } from "../support/e2e-tenant";

test("type a search, edit and remove chips, see the filtered list", async ({ page }) => {
  await signIn(page, DEMO);
  const id = uniqueId();
  const category = `Streetlights${id}`;
  await page.goto("/demo/citizens/new");
  await page.getByLabel("First name", { exact: true }).fill("Nl");
  await page.getByLabel("Last name", { exact: true }).fill(`Searcher${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Nl Searcher${id}`, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Lamp out ${id}`);
  await page.getByLabel(/^Category/).fill(category);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Lamp out ${id}`, exact: true })).toBeVisible();

  await page.goto("/demo/cases");
  const box = page.getByLabel("Describe what you are looking for");
  await box.fill(`open ${category} cases this month urgent-ish`);
  await page.keyboard.press("Enter");

  const chips = page.getByRole("list", { name: "Filters (select one to change it)" });
  await expect(chips.getByRole("button", { name: "Status: Open (any)" })).toBeVisible();
  await expect(chips.getByRole("button", { name: `Category: ${category}` })).toBeVisible();
  await expect(chips.getByRole("button", { name: /^Created from: \d{4}-\d{2}-01$/ })).toBeVisible();
  await expect(page.getByText("Not used (no filter for it): ‘urgent-ish’")).toBeVisible();
  await expect(page.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();

  // Change the status from the keyboard: Enter opens the editor, pick "Open", Enter applies.
  const status = chips.getByRole("button", { name: "Status: Open (any)" });
  await status.focus();
  await page.keyboard.press("Enter");
  const editor = chips.getByRole("combobox", { name: "Status" });
  await expect(editor).toBeFocused();
  await editor.selectOption("OPEN");
  await page.keyboard.press("Enter");
  const changed = chips.getByRole("button", { name: "Status: Open", exact: true });
  await expect(changed).toBeFocused();
  // Escape cancels an edit and keeps the value.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect(changed).toBeFocused();
  await chips.getByRole("button", { name: "Remove created until filter" }).click();
  await expect(chips.getByRole("button", { name: /^Created until/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Show results", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`status=OPEN&category=${category}&createdFrom=`));
  await expect(page).not.toHaveURL(/createdTo=/);
  const results = page.getByRole("table");
  await expect(results.getByRole("link", { name: `Lamp out ${id}` })).toBeVisible();
  await expect(results.getByRole("row")).toHaveCount(2); // the header and the one case
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("OPEN");

  // The citizens list has the box too, with its own filters.
  await page.goto("/demo/citizens");
  await page.getByLabel("Describe what you are looking for").fill("citizens in Riverside over 65");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "City: Riverside" })).toBeVisible();
  await expect(page.getByText("Not used (no filter for it): ‘over’, ‘65’")).toBeVisible();
});
