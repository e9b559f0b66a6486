// The platform admin area: only platform admins get in (middleware redirects the others), they
// search tenants and users, open a tenant's data with a recorded reason, and disable a user.
// The tenant and the user are made by the test itself (tests/support/e2e-tenant.ts): disabling a
// seeded demo user would break any test signing in as them, in any order.
import { expect, test, type Page } from "@playwright/test";
import { acceptInvitation, invite, newPerson, newTenant } from "../support/e2e-tenant";

// Created by scripts/e2e.mjs with `npm run admin:create` before the server starts.
const ADMIN = { email: "platform-admin@e2e.test", password: "e2e platform admin password" };

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("signed out, /admin goes to sign-in; a tenant member gets a 404", async ({ page }) => {
  await page.goto("/admin/tenants");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Ftenants/);
  await signIn(page, "member@civitas.test", "civitas-demo");
  await expect(page).toHaveURL(/\/demo$/);
  // A 404 with the way back into the app, not the marketing page (issue #13).
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to Civitas" }).click();
  await expect(page).toHaveURL(/\/demo$/);
});

test("a platform admin searches tenants, reads one with a reason, and disables a user", async ({ page, browser }) => {
  // An organisation and a member of its own, made by the demo user in another browser.
  const setup = await browser.newContext();
  const ownerPage = await setup.newPage();
  const tenant = await newTenant(ownerPage);
  const member = newPerson("Dana");
  await invite(ownerPage, tenant, member, "MEMBER");
  await (await acceptInvitation(browser, tenant, member)).context.close();
  await setup.close();

  await signIn(page, ADMIN.email, ADMIN.password);
  // Belonging to no organisation, a platform admin lands in the admin area.
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Platform overview", exact: true })).toBeVisible();

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Tenants", exact: true }).click();
  await page.getByLabel("Search tenants").fill(tenant.name);
  await page.getByLabel("Search tenants").press("Enter");
  await expect(page).toHaveURL(/q=Test/);
  await page
    .getByRole("region", { name: "Tenants table" })
    .getByRole("link", { name: tenant.name, exact: true })
    .click();
  await page.getByLabel("Reason", { exact: true }).fill("Support ticket 4711: owner cannot see cases");
  await page.getByRole("button", { name: "Open tenant data", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Data of ${tenant.name}`, exact: true })).toBeVisible();
  await expect(page.getByText(/recorded in the organisation.s audit log/)).toBeVisible();

  await page.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  const row = page.getByRole("region", { name: "Users table" }).getByRole("row").filter({ hasText: member.email });
  await row.getByRole("button", { name: `Disable ${member.name}`, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason", { exact: true }).fill("Left the organisation");
  await dialog.getByRole("button", { name: "Disable account", exact: true }).click();
  await expect(row.getByRole("button", { name: `Enable ${member.name}`, exact: true })).toBeVisible();

  // The disabled account can no longer sign in.
  const other = await browser.newContext();
  const p2 = await other.newPage();
  await signIn(p2, member.email, member.password);
  await expect(p2.getByRole("main").getByRole("alert")).toContainText(/don.t match/i);
  await other.close();

  // Enabled again (the reason is optional then), it can.
  await row.getByRole("button", { name: `Enable ${member.name}`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Enable account", exact: true }).click();
  await expect(row.getByRole("button", { name: `Disable ${member.name}`, exact: true })).toBeVisible();
  const again = await browser.newContext();
  const p3 = await again.newPage();
  await signIn(p3, member.email, member.password);
  await expect(p3).toHaveURL(new RegExp(`/${tenant.slug}$`));
  await again.close();
});

test("a platform admin sets a model price and a multiplier, with field errors first", async ({ page }) => {
  // A model and a region of this test's own: no tenant's calls are priced with them.
  const id = Math.random().toString(36).slice(2, 8);
  const model = `e2e-model-${id}`;
  const region = `e${id.replace(/[^a-z]/g, "")}zz`.slice(0, 10);
  await signIn(page, ADMIN.email, ADMIN.password);
  // Signed in once the form has sent us on: a navigation before that would go to /sign-in again.
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto("/admin/prices");
  await expect(page.getByRole("heading", { name: "AI prices", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "AI prices" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("rowheader", { name: "claude-haiku-4-5" }).first()).toBeVisible();

  const prices = page.getByRole("form", { name: "Set a model price" });
  await prices.getByLabel("Model id").fill(model);
  await prices.getByLabel("Input, $ per million tokens").fill("one dollar");
  await prices.getByRole("button", { name: "Save price" }).click();
  // The browser checks with the server's schema: the first invalid field takes focus.
  await expect(prices.getByLabel("Input, $ per million tokens")).toBeFocused();
  await expect(prices.getByText("Dollars per million tokens, e.g. 1.25 (at most 6 decimals)")).toBeVisible();
  await expect(prices.getByLabel("Model id")).toHaveValue(model); // what was typed stays

  await prices.getByLabel("Input, $ per million tokens").fill("1.5");
  await prices.getByLabel("Output, $ per million tokens").fill("7.5");
  await prices.getByLabel("Cache read, $ per million tokens").fill("0.15");
  await prices.getByLabel("Cache write, $ per million tokens").fill("1.875");
  await prices.getByLabel("Reason").fill("Price list of the provider");
  await prices.getByRole("button", { name: "Save price" }).click();
  await expect(prices.getByText(`Saved: ${model} from`)).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: model }) });
  await expect(row).toContainText("$1.875");
  await expect(row).toContainText("In force");

  const multipliers = page.getByRole("form", { name: "Set a multiplier" });
  await multipliers.getByLabel("Kind").selectOption("region");
  await multipliers.getByLabel("Key").fill(region);
  await multipliers.getByLabel("Multiplier").fill("1.05");
  await multipliers.getByLabel("Reason").fill("A new data region");
  await multipliers.getByRole("button", { name: "Save multiplier" }).click();
  await expect(multipliers.getByText(`Saved: region ${region} unset → 1.05.`)).toBeVisible();
  await expect(
    page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: region, exact: true }) }),
  ).toContainText("×1.05");
});
