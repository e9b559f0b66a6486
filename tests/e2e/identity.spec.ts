// Identity end to end: a person signs up, confirms their email from the development mailbox,
// creates an organisation and invites a colleague as a viewer; the colleague accepts and sees
// only that organisation, and as a viewer neither sees nor can call what edits it.
import { expect, test, type Page } from "@playwright/test";

const run = Date.now().toString(36);
const OWNER = { name: "Olivia Owner", email: `olivia-${run}@e2e.test`, password: "a long enough password 1" };
const VIEWER = { name: "Victor Viewer", email: `victor-${run}@e2e.test`, password: "another long password 2" };
const ORG = { name: `Harbour Council ${run}`, slug: `harbour-${run}` };

/** Opens the newest email to `to` in the development mailbox and follows the link labelled `label`. */
async function followEmailLink(page: Page, to: string, label: string) {
  await page.goto("/dev/mailbox");
  await page.getByRole("link", { name: new RegExp(to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).first().click();
  await page.getByRole("link", { name: label }).click();
}

test.describe.configure({ mode: "serial" });

test("sign up → verify email → create an organisation → invite → the invitee joins and sees only it", async ({ page, browser }) => {
  // Sign up.
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Full name").fill(OWNER.name);
  await page.getByLabel("Work email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Repeat password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();

  // Verify from the mailbox.
  await followEmailLink(page, OWNER.email, "Verify email");
  // Opening the link confirms nothing by itself (mail scanners open links): a button does.
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { name: "Your email address is confirmed" })).toBeVisible();

  // Sign in: no organisation yet, so create one.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/no-tenant$/);
  await page.getByRole("link", { name: "Create an organisation" }).click();
  await page.getByLabel("Organisation name").fill(ORG.name);
  await page.getByLabel("Address").fill(ORG.slug);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // Invite a colleague as a viewer.
  await page.getByRole("navigation").getByRole("link", { name: "Members" }).first().click();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await page.getByLabel("Email address").fill(VIEWER.email);
  await page.getByLabel("Role").selectOption("VIEWER");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Invitation sent" })).toContainText(`Invitation sent to ${VIEWER.email}`);
  await expect(page.getByText(VIEWER.email, { exact: true })).toBeVisible();

  // The colleague, in a browser of their own, accepts by creating their account.
  const other = await browser.newContext();
  const viewerPage = await other.newPage();
  await followEmailLink(viewerPage, VIEWER.email, "Accept invitation");
  await expect(viewerPage.getByRole("heading", { name: `Join ${ORG.name}` })).toBeVisible();
  await viewerPage.getByLabel("Your name").fill(VIEWER.name);
  await viewerPage.getByLabel("Choose a password").fill(VIEWER.password);
  await viewerPage.getByLabel("Repeat the password").fill(VIEWER.password);
  await viewerPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(viewerPage).toHaveURL(new RegExp(`/${ORG.slug}$`));
  await expect(viewerPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // Only that organisation: no switcher choices, and the demo tenant is a 404.
  await expect(viewerPage.getByRole("combobox", { name: /organisation/i })).toHaveCount(0);
  const demo = await viewerPage.goto("/demo");
  expect(demo?.status()).toBe(404);
  await other.close();

  // The owner sees the new member.
  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(VIEWER.name) });
  await expect(row).toBeVisible();
  await expect(row.getByRole("combobox", { name: `Role of ${VIEWER.name}` })).toHaveValue("VIEWER");
});

test("a viewer cannot see or call an edit action", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(VIEWER.email);
  await page.getByLabel("Password").fill(VIEWER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));

  await page.goto(`/${ORG.slug}/settings/members`);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  // Hidden in the UI…
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Invite a member" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  // …and refused by the server when called anyway, with the viewer's own session cookie.
  const invite = await page.request.post(`/api/tenants/${ORG.slug}/invitations`, { data: { email: "intruder@e2e.test", role: "ADMIN" } });
  expect(invite.status()).toBe(403);
  expect((await invite.json()).error.code).toBe("FORBIDDEN");
  // Another tenant's API answers 404, never 403.
  const foreign = await page.request.get(`/api/tenants/demo/invitations`);
  expect(foreign.status()).toBe(404);
});

test("sessions: the security page lists this browser, and revoking it signs the browser out", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));
  await page.goto(`/${ORG.slug}/settings/security`);
  const sessions = page.getByRole("list", { name: "Active sessions" });
  await expect(sessions.getByText("This browser")).toBeVisible();
  await sessions.getByRole("button", { name: /Sign out session on/ }).first().click();
  await sessions.getByRole("button", { name: /Sign out now/ }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The old cookie no longer opens the dashboard.
  await page.goto(`/${ORG.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});
