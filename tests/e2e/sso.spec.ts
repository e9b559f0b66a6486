// Single sign-on end to end against a real OpenID Provider (oidc-provider over https with a
// certificate generated at start-up, tests/support/oidc-provider.ts): a new person signs in,
// creates an organisation and ends on its dashboard at APP_URL's origin, with the sign-in in
// the audit log; an existing account is linked on a verified email; an unverified email that
// belongs to someone else is refused with a clear message; sign-out.
import { expect, test, type Page } from "@playwright/test";
import { Client } from "pg";

const run = Date.now().toString(36);
// The provider's pages use its self-signed certificate; the app itself is plain http.
test.use({ ignoreHTTPSErrors: true });

/** From the sign-in page through the provider's login and consent screens (devInteractions). */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with Single sign-on" }).click();
  await expect(page).toHaveURL(/^https:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** The audit events of a user, read from PostgreSQL (the PGlite run has no second client). */
async function auditOf(email: string): Promise<Array<{ action: string; data: Record<string, unknown> }> | null> {
  if (!process.env.DATABASE_URL) return null;
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT e.action, e.data FROM audit_events e JOIN users u ON u.id = e.actor_id WHERE u.email = $1 ORDER BY e.created_at`,
      [email],
    );
    return rows;
  } finally {
    await client.end();
  }
}

test("a new person signs in with SSO, creates an organisation, lands on its dashboard at APP_URL; sign-out; signing in again goes straight there", async ({
  page,
  baseURL,
}) => {
  const email = `sso-new-${run}@e2e.test`;
  const org = { name: `Fjord Council ${run}`, slug: `fjord-${run}` };
  await signInWithSso(page, email);

  // Back on the app's own origin, signed in, with no organisation yet.
  await expect(page).toHaveURL(`${baseURL}/no-tenant`);
  await expect(page.getByText(`You are signed in as ${email}`)).toBeVisible();
  // The provider said email_verified: the account may create an organisation straight away.
  await page.getByRole("link", { name: "Create an organisation" }).click();
  await page.getByLabel("Organisation name").fill(org.name);
  await page.getByLabel("Address").fill(org.slug);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(`${baseURL}/${org.slug}`);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // The session says how it was opened, and the audit log records the OAuth sign-in.
  await page.goto(`/${org.slug}/settings/security`);
  await expect(page.getByRole("list", { name: "Active sessions" }).getByText(/Single sign-on ·/)).toBeVisible();
  const audit = await auditOf(email);
  if (audit) {
    expect(audit).toContainEqual({ action: "user.signed_up", data: { provider: "oidc" } });
    expect(audit).toContainEqual({ action: "auth.signed_in", data: { method: "oidc" } });
  }

  // Sign out from the user menu; the dashboard is closed again.
  await page.goto(`/${org.slug}`);
  await page.getByRole("button", { name: /Account:/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${baseURL}/sign-in`);
  await page.goto(`/${org.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  // Signing in again: the provider remembers the person, the app the linked identity.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with Single sign-on" }).click();
  await expect(page).toHaveURL(`${baseURL}/${org.slug}`);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("an existing account is linked when the provider verified its email", async ({ page, baseURL }) => {
  const email = `sso-existing-${run}@e2e.test`;
  // An account made with a password (its email not confirmed yet).
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("Erik Existing");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password 3");
  await page.getByLabel("Repeat password").fill("a long enough password 3");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();

  await signInWithSso(page, email);
  await expect(page).toHaveURL(`${baseURL}/no-tenant`);
  await expect(page.getByText(`You are signed in as ${email}`)).toBeVisible();
  // The verified email from the provider confirmed the account's address too.
  await page.getByRole("link", { name: "Create an organisation" }).click();
  await expect(page.getByRole("heading", { name: "Create an organisation" })).toBeVisible();
  const audit = await auditOf(email);
  if (audit) expect(audit).toContainEqual({ action: "user.oauth_linked", data: { provider: "oidc" } });

  await page.goto("/no-tenant");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${baseURL}/sign-in`);
});

test("an unverified email that belongs to someone else is refused, with a message that says why", async ({
  page,
  baseURL,
}) => {
  await signInWithSso(page, "unverified:demo@civitas.test");
  await expect(page).toHaveURL(`${baseURL}/sign-in?error=OAuthEmailNotVerified`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already belongs to a Civitas account");
  // Not signed in as the demo user.
  await page.goto("/demo");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdemo/);
});
