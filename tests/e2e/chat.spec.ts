// The chat over the tenant's data as a person uses it, on the offline demo model: the floating
// widget opens from the keyboard, "how many open cases per category?" comes back with the SQL
// (collapsible), the rows as a table and a bar chart, Esc closes it and focus returns to the
// button; the conversation is in the history and can be deleted.
import { expect, test } from "@playwright/test";
import { DEMO, newTenant, signIn, uniqueId } from "../support/e2e-tenant";

test("ask how many open cases per category: table, chart and SQL; history and delete", async ({ page }) => {
  await signIn(page, DEMO);
  // An open case in a category of its own, so the answer has a row this test knows.
  const id = uniqueId();
  const category = `Potholes${id}`;
  await page.goto("/demo/citizens/new");
  await page.getByLabel("First name", { exact: true }).fill("Chat");
  await page.getByLabel("Last name", { exact: true }).fill(`Asker${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Chat Asker${id}`, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Hole in the road ${id}`);
  await page.getByLabel(/^Category/).fill(category);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hole in the road ${id}`, exact: true })).toBeVisible();

  const opener = page.getByRole("button", { name: "Ask about your data", exact: true });
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Ask about your data" });
  await expect(dialog).toBeVisible();
  const question = dialog.getByLabel("Your question");
  await expect(question).toBeFocused();
  await question.fill("How many open cases per category?");
  await page.keyboard.press("Enter");

  // The rows as a table (with this test's category), a bar chart, and the SQL behind them.
  const table = dialog.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "category" })).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(`${category}\\s+1`) })).toBeVisible();
  await expect(dialog.getByRole("img", { name: "Bar chart: cases by category" })).toBeVisible();
  await expect(dialog.getByText(/Demo AI \(offline\): the query returned \d+ rows?/)).toBeVisible();
  await expect(dialog.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Answer ready, \d+ rows\./ })).toBeAttached();
  const sql = dialog.getByText(/status = 'OPEN'/);
  await expect(sql).toBeHidden();
  await dialog.getByText("SQL that ran", { exact: true }).click();
  await expect(sql).toBeVisible();

  // Esc closes the dialog and gives focus back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // The conversation is in the history; deleting it (after confirming) removes it.
  await opener.click();
  await dialog.getByRole("button", { name: "History", exact: true }).click();
  const entry = dialog.getByRole("listitem").filter({ hasText: "How many open cases per category?" }).first();
  await expect(entry).toBeVisible();
  const before = await dialog.getByRole("listitem").count();
  await entry.getByRole("button", { name: /^Delete “/ }).click();
  await entry.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog.getByRole("listitem")).toHaveCount(before - 1);
});

test("an organisation on the free plan is not offered the chat; the demo (Pro) one is", async ({ page }) => {
  const tenant = await newTenant(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Ask about your data", exact: true })).toHaveCount(0);
  await page.goto("/demo");
  await expect(page.getByRole("button", { name: "Ask about your data", exact: true })).toBeVisible();
  expect(tenant.slug).not.toBe("demo");
});
