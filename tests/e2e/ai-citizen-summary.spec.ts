// The citizen summary as a person uses it, on the offline demo model: summarise a citizen's
// cases (streamed, stored with its date), follow a citation to the case it names, and see the
// summary marked out of date once the case gets a new note.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueId } from "../support/e2e-tenant";

test("summarise a citizen's cases, follow a citation, see it go out of date", async ({ page }) => {
  const id = uniqueId();
  await signIn(page, DEMO);
  await page.goto("/demo/citizens/new");
  await page.getByLabel("First name", { exact: true }).fill("Noor");
  await page.getByLabel("Last name", { exact: true }).fill(`Haddad${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  const name = `Noor Haddad${id}`;
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  const title = `Broken lift in the tower block ${id}`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
  await page.getByRole("link", { name, exact: true }).click();

  const panel = page.getByRole("region", { name: /^AI summary of the cases/ });
  await expect(panel.getByText("Demo AI — offline")).toBeVisible();
  await panel.getByRole("button", { name: "Summarise", exact: true }).click();
  await expect(panel.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();
  await expect(panel.getByText(/^Generated /)).toBeVisible();
  await expect(panel.getByText(new RegExp(`Broken lift in the tower block ${id}`)).first()).toBeVisible();

  // A citation names the case: it opens the case page.
  const citation = panel.getByRole("link", { name: /^Source 1: a case$/ });
  await citation.click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();

  // A new note on the case: the stored summary is out of date.
  await page.getByRole("textbox", { name: "Add a note", exact: true }).fill("The lift company comes on Friday.");
  await page.getByRole("button", { name: "Add note", exact: true }).click();
  await expect(page.getByText("The lift company comes on Friday.")).toBeVisible();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(panel.getByText("Out of date — regenerate", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Regenerate", exact: true })).toBeVisible();
});
