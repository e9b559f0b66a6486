// Casework AI as a person uses it, on the offline demo model (playwright.config.ts starts it;
// the app calls it through the real SDK): ask for a classification and accept the suggested
// category (a normal case update: it shows in the header and stays after a reload), then draft
// a reply, edit it, copy it and save it as a note on the timeline; and open a case from a pasted
// letter, reviewing the pre-filled citizen and case (nothing assumed, the national ID removed).
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, uniqueId } from "../support/e2e-tenant";

/** A citizen in the demo organisation; the page ends on the citizen. */
async function citizen(page: Page, id: string): Promise<string> {
  const name = `Jonas Verbeke${id}`;
  await page.goto("/demo/citizens/new");
  await page.getByLabel("First name", { exact: true }).fill("Jonas");
  await page.getByLabel("Last name", { exact: true }).fill(`Verbeke${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  return name;
}

async function openCase(page: Page, title: string, category?: string) {
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  if (category) await page.getByRole("textbox", { name: /^Category/ }).fill(category);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
}

test("accept a suggested category", async ({ page }) => {
  const id = uniqueId();
  const category = `Street lighting ${id}`;
  await signIn(page, DEMO);
  const name = await citizen(page, id);
  // One case carries the category, so it is one of the organisation's; the second names it.
  await openCase(page, `Lamp post hit by a van ${id}`, category);
  await page.getByRole("link", { name, exact: true }).click();
  await openCase(page, `${category}: the lamps on Elm Road are dark`);

  await page.getByRole("button", { name: "Suggest classification", exact: true }).click();
  const chip = page.getByRole("listitem", { name: `Category suggestion: ${category}` });
  await expect(chip).toBeVisible();
  await expect(page.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();
  await chip.getByRole("button", { name: "Accept category", exact: true }).click();
  await expect(chip.getByText("Applied", { exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Category/ })).toHaveValue(category);

  // Saved as a normal update: the header and the timeline show it after a reload.
  await page.reload();
  await expect(page.getByText(`For ${name} · ${category}`, { exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Category/ })).toHaveValue(category);
  await expect(page.getByText(/changed the category/).first()).toBeVisible();
});

test("draft a reply, edit it, copy it and save it as a note", async ({ page, context }) => {
  const id = uniqueId();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO);
  await citizen(page, id);
  await openCase(page, `Noise from the bar next door ${id}`);
  await page
    .getByRole("textbox", { name: "Add a note", exact: true })
    .fill("Spoke to the owner; music stops at 23:00.");
  await page.getByRole("button", { name: "Add note", exact: true }).click();
  await expect(page.getByText("Spoke to the owner; music stops at 23:00.")).toBeVisible();

  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  await page.getByRole("button", { name: "Draft a reply", exact: true }).click();
  const draft = page.getByRole("textbox", { name: "Reply draft", exact: true });
  await expect(draft).toHaveValue(/Kind regards,/);
  await expect(draft).toHaveValue(new RegExp(`Noise from the bar next door ${id}`));
  await expect(page.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();

  const edited = `${await draft.inputValue()}\nP.S. Edited by staff ${id}.`;
  await draft.fill(edited);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(edited);

  await page.getByRole("button", { name: "Save as note", exact: true }).click();
  await expect(page.getByText("Saved as a note on the case.")).toBeVisible();
  await expect(page.getByText(`P.S. Edited by staff ${id}.`)).toBeVisible();
  await page.reload();
  await expect(page.getByText(`P.S. Edited by staff ${id}.`)).toBeVisible();
});

test("create a case from a pasted letter: review the pre-filled citizen and case", async ({ page }) => {
  const id = uniqueId();
  await signIn(page, DEMO);
  await page.goto("/demo/cases/new");
  await page
    .getByRole("textbox", { name: "Letter or email", exact: true })
    .fill(
      [
        "Dear municipality,",
        `My name is Maria Jansen. The noise from bar ${id} keeps us awake every night.`,
        "My national number is 85.07.30-033.61. Please write to me at maria.jansen@example.org.",
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Read the letter", exact: true }).click();
  await expect(page.getByText(/1 national ID number\(s\) removed before sending/)).toBeVisible();
  await expect(page.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();
  // Nothing is assumed: the person says who wrote it.
  const newCitizen = page.getByRole("radio", { name: "A new citizen", exact: true });
  await expect(newCitizen).not.toBeChecked();
  await newCitizen.check();
  await expect(page.getByRole("textbox", { name: "First name", exact: true })).toHaveValue("Maria");
  await expect(page.getByRole("textbox", { name: "Last name", exact: true })).toHaveValue("Jansen");
  await expect(page.getByRole("textbox", { name: "Email", exact: true })).toHaveValue("maria.jansen@example.org");
  await page.getByRole("textbox", { name: "Last name", exact: true }).fill(`Jansen${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();

  await expect(page.getByText(`Case for Maria Jansen${id}`)).toBeVisible();
  const title = `The noise from bar ${id} keeps us awake every night`;
  // The letter's case form (the page also offers the plain form with a citizen picker above it).
  const letterCase = page.getByRole("region", { name: "The case", exact: true });
  await expect(letterCase.getByLabel("Title", { exact: true })).toHaveValue(title);
  await letterCase.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `Maria Jansen${id}`, exact: true })).toBeVisible();
});
