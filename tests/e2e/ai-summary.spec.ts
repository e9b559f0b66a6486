// The first AI feature as a person uses it, on the offline demo model (playwright.config.ts
// starts it; the app calls it through the real SDK): stream a case summary with citations that
// lead to the timeline, stream again and cancel halfway (the partial text stays, nothing is
// stored, the charge for the produced tokens is shown and is on the ledger), and an organisation without
// credits sees the 402 message with its way to billing.
import { expect, test, type Page } from "@playwright/test";
import { adjustCreditsAsAdmin, DEMO, newTenant, signIn, uniqueId } from "../support/e2e-tenant";

/** A citizen and a case with three notes in `slug`; the page ends on the case. */
async function caseWithNotes(page: Page, slug: string) {
  const id = uniqueId();
  await page.goto(`/${slug}/citizens/new`);
  await page.getByLabel("First name", { exact: true }).fill("Samira");
  await page.getByLabel("Last name", { exact: true }).fill(`Oosterhout${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Samira Oosterhout${id}`, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Damp in the bedroom ${id}`);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Damp in the bedroom ${id}`, exact: true })).toBeVisible();
  for (const note of [
    "Called the housing association about the damp wall and the mould behind the wardrobe in the bedroom.",
    "Inspector visited on Monday and confirmed a leaking gutter above the bedroom window of the flat.",
    "Contractor booked to replace the gutter and treat the wall; the family moves the children meanwhile.",
  ]) {
    await page.getByRole("textbox", { name: "Add a note", exact: true }).fill(note);
    await page.getByRole("button", { name: "Add note", exact: true }).click();
    await expect(page.getByText(note)).toBeVisible();
  }
}

test("stream a summary, follow a citation, then stream again and cancel halfway", async ({ page }) => {
  await signIn(page, DEMO);
  await caseWithNotes(page, "demo");
  // Each AI panel on the case page carries the badge; the summary panel is the one used here.
  await expect(page.locator("#case-summary-heading").getByText("Demo AI — offline")).toBeVisible();

  await page.getByRole("button", { name: "Summarise", exact: true }).click();
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  // Finished: the charge and the balance are shown, and the stored summary carries its date.
  await expect(page.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();
  await expect(page.getByText(/^Generated /)).toBeVisible();
  await expect(page.getByText(/Inspector visited on Monday/).first()).toBeVisible();
  // Every sentence cites its source: a citation link jumps to its timeline entry.
  const citation = page.locator('a[href^="#event-"]').first();
  await expect(citation).toBeVisible();
  const target = (await citation.getAttribute("href"))!;
  await citation.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));

  await page.getByRole("button", { name: "Regenerate", exact: true }).click();
  const cancel = page.getByRole("button", { name: "Cancel", exact: true });
  await expect(cancel).toBeVisible();
  await expect(page.getByText(/Demo AI \(offline\)/).first()).toBeVisible(); // the first words arrived
  await cancel.click();
  await expect(page.getByText("Cancelled. Nothing was saved.")).toBeVisible();
  await expect(page.getByText(/Demo AI \(offline\)/).first()).toBeVisible(); // partial text kept
  // No `done` frame comes after a cancel: the panel reads what the produced tokens cost.
  await expect(page.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();

  // The cancelled run was charged for what it produced: the ledger shows both runs' charges.
  await page.goto("/demo/settings/billing");
  await expect(page.getByRole("heading", { name: "Plan and credits", exact: true })).toBeVisible();
  await expect(page.getByText("AI request charged").nth(1)).toBeVisible();
});

test("an organisation without credits is told so, with the way to its plan and credits", async ({ page, browser }) => {
  const tenant = await newTenant(page);
  // A new organisation starts with the free plan's monthly allowance: a platform admin takes it back.
  await adjustCreditsAsAdmin(browser, tenant, -500);
  await caseWithNotes(page, tenant.slug);
  await page.getByRole("button", { name: "Summarise", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not enough AI credits" })).toBeVisible();
  await page.getByRole("link", { name: "Buy credits or change plan", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}/settings/billing$`));
  await expect(page.getByRole("heading", { name: "Credit balance", exact: true })).toBeVisible();
  const ledger = page.getByRole("row");
  await expect(ledger.filter({ hasText: "Adjustment by Civitas" }).filter({ hasText: "-500" })).toBeVisible();
  await expect(ledger.filter({ hasText: "Monthly allowance" }).filter({ hasText: "Free plan" })).toBeVisible();
});
