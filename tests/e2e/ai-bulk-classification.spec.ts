// Bulk classification as a person uses it, on the offline demo model (its Message Batches
// endpoints; playwright.config.ts starts it): classify every case of the demo organisation as
// suggestions, watch the progress bar fill through the live events, then find the suggestion
// as the accept/reject chips on a case. Suggestions only, so the demo's cases stay as they are.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueId } from "../support/e2e-tenant";

test("bulk-classify the cases and watch the progress", async ({ page }) => {
  await signIn(page, DEMO);
  await page.goto("/demo/cases");
  const form = page.getByRole("form", { name: "Classify with AI" });
  await expect(form).toBeVisible();
  // Nothing ticked: a field error, nothing started.
  await form.getByRole("button", { name: "Classify selected cases", exact: true }).click();
  await expect(form.getByRole("alert")).toHaveText("Select at least one case");

  await form.getByRole("button", { name: "Classify all cases", exact: true }).click();
  await expect(form.getByText(/^Started: \d+ cases sent for classification\.$/)).toBeVisible();
  const bar = page.getByRole("progressbar", { name: "Bulk classification progress" });
  await expect(bar).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bulk classification: Finished" })).toBeVisible({
    timeout: 60_000,
  });
  const total = Number(await bar.getAttribute("aria-valuemax"));
  expect(total).toBeGreaterThanOrEqual(50);
  await expect(bar).toHaveAttribute("aria-valuenow", String(total));
  await expect(
    page.getByText(new RegExp(`^${total} of ${total} done · ${total} suggested · \\d+ credits used$`)),
  ).toBeVisible();

  // The suggestion waits on the case as the usual chips, already paid for.
  await page.getByRole("region", { name: "Cases table" }).getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByText("From a bulk classification run.", { exact: true })).toBeVisible();
  await expect(page.getByRole("listitem", { name: /^Priority suggestion: / })).toBeVisible();
});

test("apply the classification of ticked cases directly, then undo the run", async ({ page }) => {
  const id = uniqueId();
  await signIn(page, DEMO);
  await page.goto("/demo/citizens/new");
  await page.getByLabel("First name", { exact: true }).fill("Lotte");
  await page.getByLabel("Last name", { exact: true }).fill(`Janssens${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Lotte Janssens${id}`, exact: true })).toBeVisible();
  const titles = [`Water leak in the hallway ${id}`, `Broken heating in the flat ${id}`];
  for (const title of titles) {
    await page.getByRole("link", { name: "Open a case", exact: true }).click();
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByRole("button", { name: "Open case", exact: true }).click();
    await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
    await page.getByRole("link", { name: `Lotte Janssens${id}`, exact: true }).click();
  }

  await page.goto(`/demo/cases?q=${id}`);
  for (const title of titles) await page.getByRole("checkbox", { name: `Select case ${title}`, exact: true }).check();
  const form = page.getByRole("form", { name: "Classify with AI" });
  await form.getByRole("radio", { name: /^Apply directly/ }).check();
  await form.getByRole("button", { name: "Classify selected cases", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Bulk classification: Finished" })).toBeVisible({ timeout: 60_000 });
  // The demo reads "leak" and "broken" as HIGH: both cases changed, shown in the list.
  await expect(page.getByText(/^2 of 2 done · 2 applied · \d+ credits? used$/)).toBeVisible();
  const table = page.getByRole("region", { name: "Cases table" });
  await expect(table.getByRole("row").filter({ hasText: titles[0]! })).toContainText("High");

  await page.getByRole("button", { name: "Undo this run", exact: true }).click();
  await expect(page.getByText("Undone: 2 cases restored.", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bulk classification: Undone" })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: titles[0]! })).toContainText("Normal");
});
