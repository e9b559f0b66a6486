// The platform admin area: only platform admins get in (middleware redirects the others), they
// search tenants and users, open a tenant's data with a recorded reason, and disable a user.
import { expect, test, type Page } from "@playwright/test";

// Created by scripts/e2e.mjs with `npm run admin:create` before the server starts.
const ADMIN = { email: "platform-admin@e2e.test", password: "e2e platform admin password" };

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("signed out, /admin goes to sign-in; a tenant member is sent away", async ({ page }) => {
  await page.goto("/admin/tenants");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Ftenants/);
  await signIn(page, "member@civitas.test", "civitas-demo");
  await expect(page).toHaveURL(/\/demo$/);
  await page.goto("/admin");
  await expect(page).not.toHaveURL(/\/admin/);
});

test("a platform admin searches tenants, reads one with a reason, and disables a user", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  // Belonging to no organisation, a platform admin lands in the admin area.
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Platform overview" })).toBeVisible();

  await page.getByRole("link", { name: /Tenants/ }).first().click();
  await page.getByLabel("Search tenants").fill("Demo Municipality");
  await page.getByLabel("Search tenants").press("Enter");
  await expect(page).toHaveURL(/q=Demo/);
  await page.getByRole("link", { name: "Demo Municipality" }).click();
  await page.getByLabel("Reason").fill("Support ticket 4711: owner cannot see cases");
  await page.getByRole("button", { name: "Open tenant data" }).click();
  await expect(page.getByRole("heading", { name: "Data of Demo Municipality" })).toBeVisible();
  await expect(page.getByText(/recorded in the organisation.s audit log/)).toBeVisible();

  await page.goto("/admin/users?q=viewer%40civitas.test");
  await page.getByRole("button", { name: /Disable .*viewer@civitas\.test|Disable Val Viewer/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Left the organisation");
  await dialog.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByRole("button", { name: /Enable .*(viewer@civitas\.test|Val Viewer)/ })).toBeVisible();

  // The disabled account can no longer sign in.
  const other = await page.context().browser()!.newContext();
  const p2 = await other.newPage();
  await signIn(p2, "viewer@civitas.test", "civitas-demo");
  await expect(p2.getByRole("main").getByRole("alert")).toContainText(/don.t match/i);
  await other.close();

  // Enable it again (the reason is optional then), so reruns on one database start clean.
  await page.getByRole("button", { name: /Enable .*(viewer@civitas\.test|Val Viewer)/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Enable account" }).click();
  await expect(page.getByRole("button", { name: /Disable .*(viewer@civitas\.test|Val Viewer)/ })).toBeVisible();
});
