// What a person does first: opens the landing page, signs in with the demo login and sees the
// tenant dashboard; and what goes wrong: a wrong password, a signed-out visit.
import { expect, test } from "@playwright/test";

const DEMO = { email: "demo@civitas.test", password: "civitas-demo" };

test("landing page → sign in with the demo login → dashboard", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Civitas/);
  await page
    .getByRole("link", { name: /sign in/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.getByText("Demo Municipality").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /recent cases/i })).toBeVisible();
  // The seeded data reached the page through the tenant-scoped database client.
  await expect(page.getByRole("table").first()).toBeVisible();
});

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/don.t match/i);
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.email);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an invalid email is reported next to the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("x");
  // Skip the browser's own type=email check so the server-side schema answers. (The password
  // form: single sign-on buttons are forms too.)
  await page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Sign in", exact: true }) })
    .evaluate((f) => f.setAttribute("novalidate", ""));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
});

test("a signed-out visit to a dashboard goes to sign-in and comes back after", async ({ page }) => {
  await page.goto("/demo");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdemo/);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/demo$/);
});

test("another tenant's slug answers 404, and an unknown one too", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("viewer@civitas.test");
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/demo$/);
  const other = await page.goto("/riverside");
  expect(other?.status()).toBe(404);
  const unknown = await page.goto("/no-such-tenant");
  expect(unknown?.status()).toBe(404);
});

test("the theme toggle switches to dark mode and it survives a reload without a flash", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/demo$/);
  await page.evaluate(() => localStorage.setItem("civitas-theme", "dark"));
  await page.reload();
  // The class is set by the inline script before first paint, so it is there at DOMContentLoaded.
  await expect(page.locator("html")).toHaveClass(/dark/);
});
