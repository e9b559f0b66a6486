// Forms keep what was typed after a validation error (the one form hook, components/forms/
// use-form.ts): here the invitation sign-up form, which used to empty the name and both
// passwords when its answer came back. It gets its own invitation, so it shares no data.
import { expect, test, type Page } from "@playwright/test";

const run = Date.now().toString(36);
const INVITEE = { name: "Nadia Newcomer", email: `nadia-${run}@e2e.test`, password: "a long enough password 3" };

async function signInAsDemoOwner(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("demo@civitas.test");
  await page.getByLabel("Password").fill("civitas-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The first sign-in of a fresh server (password hashing, cold pages) is slow on a loaded machine.
  await expect(page).toHaveURL(/\/demo$/, { timeout: 45_000 });
}

test("the invitation sign-up form keeps name and passwords after a validation error", async ({ page, browser }) => {
  // Two browsers, an invitation and a sign-up: more than the default minute on a loaded machine.
  test.setTimeout(150_000);
  await signInAsDemoOwner(page);
  await page.goto("/demo/settings/members");
  await page.getByLabel("Email address", { exact: true }).fill(INVITEE.email);
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Invitation sent" })).toContainText(
    `Invitation sent to ${INVITEE.email}`,
  );

  // The invitee, in a browser of their own, opens the emailed link.
  const other = await browser.newContext();
  const invitee = await other.newPage();
  await invitee.goto("/dev/mailbox");
  await invitee
    .getByRole("link", { name: new RegExp(INVITEE.email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
    .first()
    .click();
  await invitee.getByRole("link", { name: "Accept invitation" }).click();

  // Two mistakes at once: a password too short, and a repetition that differs.
  await invitee.getByLabel("Your name").fill(INVITEE.name);
  await invitee.getByLabel("Choose a password").fill("short");
  await invitee.getByLabel("Repeat the password").fill("shorter");
  await invitee.getByRole("button", { name: "Create account and join" }).click();

  await expect(invitee.getByText("Use at least 10 characters")).toBeVisible();
  await expect(invitee.getByText("The passwords don't match")).toBeVisible();
  await expect(invitee.getByLabel("Your name")).toHaveValue(INVITEE.name);
  await expect(invitee.getByLabel("Choose a password")).toHaveValue("short");
  await expect(invitee.getByLabel("Repeat the password")).toHaveValue("shorter");
  // Focus lands on the first field with a message, where a screen reader reads it out.
  await expect(invitee.getByLabel("Choose a password")).toBeFocused();

  // Correcting only the passwords is enough: the name was kept.
  await invitee.getByLabel("Choose a password").fill(INVITEE.password);
  await invitee.getByLabel("Repeat the password").fill(INVITEE.password);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(/\/demo$/);
  await expect(invitee.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await other.close();
});
