// Identity end to end: a person signs up, confirms their email from the development mailbox,
// creates an organisation and invites a colleague as a viewer; the colleague accepts and sees
// only that organisation, and as a viewer neither sees nor can call what edits it. Each test
// brings its own people and organisation (tests/support/e2e-tenant.ts): none needs another to
// have run first.
import { expect, test } from "@playwright/test";
import {
  acceptInvitation,
  DEMO,
  followEmailLink,
  invite,
  newPerson,
  newTenant,
  signIn,
  uniqueId,
} from "../support/e2e-tenant";

test("sign up → verify email → create an organisation → invite → the invitee joins and sees only it", async ({
  page,
  browser,
}) => {
  const run = uniqueId();
  const OWNER = { name: "Olivia Owner", email: `olivia-${run}@e2e.test`, password: "a long enough password 1" };
  const VIEWER = { name: "Victor Viewer", email: `victor-${run}@e2e.test`, password: "another long password 2" };
  const ORG = { name: `Harbour Council ${run}`, slug: `harbour-${run}` };
  // Sign up.
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Create an account", exact: true }).click();
  await page.getByLabel("Full name", { exact: true }).fill(OWNER.name);
  await page.getByLabel("Work email", { exact: true }).fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Repeat password", { exact: true }).fill(OWNER.password);
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await expect(page.getByText("Check your email")).toBeVisible();

  // Verify from the mailbox.
  await followEmailLink(page, OWNER.email, "Verify email");
  // Opening the link confirms nothing by itself (mail scanners open links): a button does.
  await page.getByRole("button", { name: "Confirm my email address", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your email address is confirmed", exact: true })).toBeVisible();

  // Sign in: no organisation yet, so create one.
  await signIn(page, OWNER, /\/no-tenant$/);
  await page.getByRole("link", { name: "Create an organisation", exact: true }).click();
  await page.getByLabel("Organisation name", { exact: true }).fill(ORG.name);
  await page.getByLabel("Address", { exact: true }).fill(ORG.slug);
  await page.getByRole("button", { name: "Create organisation", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();

  // Invite a colleague as a viewer.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await page.getByLabel("Email address", { exact: true }).fill(VIEWER.email);
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Invitation sent" })).toContainText(
    `Invitation sent to ${VIEWER.email}`,
  );
  await expect(page.getByText(VIEWER.email, { exact: true })).toBeVisible();

  // The colleague, in a browser of their own, accepts by creating their account.
  const other = await browser.newContext();
  const viewerPage = await other.newPage();
  await followEmailLink(viewerPage, VIEWER.email, "Accept invitation");
  await expect(viewerPage.getByRole("heading", { name: `Join ${ORG.name}` })).toBeVisible();
  await viewerPage.getByLabel("Your name", { exact: true }).fill(VIEWER.name);
  await viewerPage.getByLabel("Choose a password", { exact: true }).fill(VIEWER.password);
  await viewerPage.getByLabel("Repeat the password", { exact: true }).fill(VIEWER.password);
  await viewerPage.getByRole("button", { name: "Create account and join", exact: true }).click();
  await expect(viewerPage).toHaveURL(new RegExp(`/${ORG.slug}$`));
  await expect(viewerPage.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();

  // Only that organisation: no switcher choices, and the demo tenant is a 404.
  await expect(viewerPage.getByRole("combobox", { name: /organisation/i })).toHaveCount(0);
  const demo = await viewerPage.goto("/demo");
  expect(demo?.status()).toBe(404);
  await other.close();

  // The owner sees the new member.
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: VIEWER.email });
  await expect(row).toBeVisible();
  await expect(row.getByRole("combobox", { name: `Role of ${VIEWER.name}` })).toHaveValue("VIEWER");
});

test("a viewer cannot see or call an edit action", async ({ page, browser }) => {
  const tenant = await newTenant(page);
  const viewer = newPerson("Vera");
  await invite(page, tenant, viewer, "VIEWER");
  const { context, page: viewerPage } = await acceptInvitation(browser, tenant, viewer);

  await viewerPage.goto(`/${tenant.slug}/settings/members`);
  await expect(viewerPage.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  // Hidden in the UI…
  await expect(viewerPage.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(viewerPage.getByRole("form", { name: "Invite a member" })).toHaveCount(0);
  await expect(viewerPage.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  // …and refused by the server when called anyway, with the viewer's own session cookie.
  const invitation = await viewerPage.request.post(`/api/tenants/${tenant.slug}/invitations`, {
    data: { email: `intruder-${uniqueId()}@e2e.test`, role: "ADMIN" },
  });
  expect(invitation.status()).toBe(403);
  expect((await invitation.json()).error.code).toBe("FORBIDDEN");
  // Another tenant's API answers 404, never 403.
  const foreign = await viewerPage.request.get(`/api/tenants/demo/invitations`);
  expect(foreign.status()).toBe(404);
  await context.close();
});

test("sessions: the security page lists this browser, and revoking it signs the browser out", async ({ page }) => {
  // The demo user has many sessions (every test signs in); only the one marked "This browser"
  // is this test's, and only that one is revoked.
  await signIn(page, DEMO);
  await page.goto("/demo/settings/security");
  const thisBrowser = page
    .getByRole("list", { name: "Active sessions" })
    .getByRole("listitem")
    .filter({ hasText: "This browser" });
  await expect(thisBrowser).toHaveCount(1);
  await thisBrowser.getByRole("button", { name: /^Sign out session on/ }).click();
  await thisBrowser.getByRole("button", { name: /^Sign out now/ }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The old cookie no longer opens the dashboard.
  await page.goto("/demo");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});
