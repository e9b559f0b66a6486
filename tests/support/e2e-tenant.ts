// Fresh data for each Playwright test, so no test depends on another test's data, on the order
// tests run in, or on what the shared demo tenant holds by then (a 1,000-row import in one test
// once pushed another's new citizen off page 1).
//
// A new organisation is created through the UI by the seeded demo user (who becomes its owner):
// that costs no new account. New people join through an invitation from the development mailbox;
// every new account counts against the per-IP sign-up limit (10 an hour, kept in the database),
// so tests create people only when a person is what they test (4 per run of the suite).
// Organisation names start with "Test office", after "Demo Municipality", so the demo user still
// lands on /demo after signing in (their first organisation by name).
import { randomBytes } from "node:crypto";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const DEMO = { email: "demo@civitas.test", password: "civitas-demo" };

/** Unique across runs on one database and across calls in one run (lower-case, slug-safe). */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export type Person = { name: string; email: string; password: string };
export type Tenant = { name: string; slug: string };

/** Signs in on the sign-in page and waits until it leaves it. */
export async function signIn(
  page: Page,
  who: { email: string; password: string },
  lands: RegExp = /\/demo$/,
): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(lands);
}

/** Signs `page` in as the demo user and creates a new organisation; the page ends on its dashboard. */
export async function newTenant(page: Page): Promise<Tenant> {
  const id = uniqueId();
  const tenant = { name: `Test office ${id}`, slug: `test-${id}` };
  await signIn(page, DEMO);
  await page.goto("/new");
  const form = page.getByRole("heading", { name: "Create an organisation", exact: true });
  const confirmFirst = page.getByRole("heading", { name: "Confirm your email first", exact: true });
  await expect(form.or(confirmFirst)).toBeVisible();
  if (await confirmFirst.isVisible()) {
    // The seed leaves the demo address unconfirmed; confirming it, as its owner would, is
    // needed once per database and changes nothing any test looks at.
    await confirmEmail(page, DEMO.email);
    await page.goto("/new");
  }
  await page.getByLabel("Organisation name").fill(tenant.name);
  await page.getByLabel("Address").fill(tenant.slug);
  await page.getByRole("button", { name: "Create organisation", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}$`));
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  return tenant;
}

/** Asks for a new confirmation link for the signed-in user and confirms the address with it. */
async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.goto("/verify-email");
  await page.getByRole("button", { name: "Email me a new link", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Check your email", exact: true })).toBeVisible();
  await followEmailLink(page, email, "Verify email");
  await page.getByRole("button", { name: "Confirm my email address", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your email address is confirmed", exact: true })).toBeVisible();
}

/** A new person (not yet an account) with a unique email. */
export function newPerson(firstName: string): Person {
  const id = uniqueId();
  return {
    name: `${firstName} ${id}`,
    email: `${firstName.toLowerCase()}-${id}@e2e.test`,
    password: `a long enough password ${id}`,
  };
}

/** Opens the newest email to `to` in the development mailbox and follows the link labelled `label`. */
export async function followEmailLink(page: Page, to: string, label: string): Promise<void> {
  await page.goto("/dev/mailbox");
  await page
    .getByRole("link", { name: new RegExp(to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
    .first()
    .click();
  await page.getByRole("link", { name: label, exact: true }).click();
}

/** From an owner's `page`, invites `person` to `tenant` with `role`. */
export async function invite(
  page: Page,
  tenant: Tenant,
  person: Person,
  role: "ADMIN" | "MEMBER" | "VIEWER",
): Promise<void> {
  await page.goto(`/${tenant.slug}/settings/members`);
  await page.getByLabel("Email address", { exact: true }).fill(person.email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Invitation sent" })).toContainText(
    `Invitation sent to ${person.email}`,
  );
}

/** In a browser context of their own, `person` accepts the invitation by creating their account; signed in on the tenant's dashboard. */
export async function acceptInvitation(
  browser: Browser,
  tenant: Tenant,
  person: Person,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await followEmailLink(page, person.email, "Accept invitation");
  await expect(page.getByRole("heading", { name: `Join ${tenant.name}` })).toBeVisible();
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Choose a password").fill(person.password);
  await page.getByLabel("Repeat the password").fill(person.password);
  await page.getByRole("button", { name: "Create account and join", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}$`));
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  return { context, page };
}

/** The platform admin scripts/e2e.mjs creates (tests that need the admin area sign in as it). */
export const PLATFORM_ADMIN = { email: "platform-admin@e2e.test", password: "e2e platform admin password" };

/**
 * A platform admin, in a browser context of its own, adjusts `tenant`'s credits by `credits`
 * on /admin/tenants/<id> (e.g. taking back the free allowance a new organisation starts with).
 */
export async function adjustCreditsAsAdmin(browser: Browser, tenant: Tenant, credits: number): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, PLATFORM_ADMIN, /\/admin$/);
  await page.goto(`/admin/tenants?${new URLSearchParams({ q: tenant.name })}`);
  await page
    .getByRole("region", { name: "Tenants table" })
    .getByRole("link", { name: tenant.name, exact: true })
    .click();
  await page.getByLabel("Credits", { exact: true }).fill(String(credits));
  await page.getByLabel("Reason for the change", { exact: true }).fill("End-to-end test: set the balance");
  await page.getByRole("button", { name: "Adjust credits", exact: true }).click();
  await expect(page.getByText(/^Done: .* credits\. The balance is now/)).toBeVisible();
  await context.close();
}
