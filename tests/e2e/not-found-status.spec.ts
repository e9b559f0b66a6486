// A record page for an id that is unknown, malformed or another tenant's answers HTTP 404, not
// a 200 that merely shows the not-found text: the record is looked up (layout) before any
// loading skeleton streams. Checked on the page navigation and on a plain request alike.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";

const DEMO_OWNER = { email: "demo@civitas.test", password: "civitas-demo" }; // OWNER of demo, MEMBER of riverside (seed)
const E2E_ADMIN = { email: "platform-admin@e2e.test", password: "e2e platform admin password" }; // scripts/e2e.mjs

async function signIn(page: Page, who: { email: string; password: string }, landing: RegExp) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(landing, { timeout: 30_000 }); // the first sign-in after start can be slow on a loaded machine
}

/** Both ways of asking: a browser navigation and a plain GET with the same session. */
async function expectStatus(page: Page, path: string, status: number) {
  const nav = await page.goto(path);
  expect(nav?.status(), `navigation to ${path}`).toBe(status);
  if (status === 404) await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const plain = await page.request.get(path, { maxRedirects: 0 });
  expect(plain.status(), `plain GET of ${path}`).toBe(status);
}

test("citizen and case pages: another tenant's id, an unknown uuid and a malformed id are 404", async ({ page }) => {
  test.setTimeout(180_000); // about thirty page loads, on a machine that may be busy
  const run = randomUUID().slice(0, 8);
  await signIn(page, DEMO_OWNER, /\/demo$/);

  // A real citizen and case in the other tenant (riverside), made by this test.
  await page.goto("/riverside/citizens/new");
  await page.getByLabel("First name").fill("Elsewhere");
  await page.getByLabel("Last name").fill(`Resident${run}`);
  await page.getByRole("button", { name: "Create citizen" }).click();
  await expect(page.getByRole("heading", { name: `Elsewhere Resident${run}` })).toBeVisible();
  const citizenId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("link", { name: "Open a case" }).click();
  await page.getByLabel("Title").fill(`Riverside request ${run}`);
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: `Riverside request ${run}` })).toBeVisible();
  const caseId = new URL(page.url()).pathname.split("/").pop()!;

  // In their own tenant they are found…
  await expectStatus(page, `/riverside/citizens/${citizenId}`, 200);
  await expectStatus(page, `/riverside/citizens/${citizenId}/edit`, 200);
  await expectStatus(page, `/riverside/cases/${caseId}`, 200);
  // …under the demo tenant (which this person also belongs to) they do not exist.
  for (const id of [citizenId, randomUUID(), "not-a-uuid"]) {
    await expectStatus(page, `/demo/citizens/${id}`, 404);
    await expectStatus(page, `/demo/citizens/${id}/edit`, 404);
  }
  for (const id of [caseId, citizenId, randomUUID(), "not-a-uuid"]) await expectStatus(page, `/demo/cases/${id}`, 404);
});

test("someone who is not a member of the other tenant gets 404 for its real records", async ({ page, browser }) => {
  const run = randomUUID().slice(0, 8);
  await signIn(page, DEMO_OWNER, /\/demo$/);
  await page.goto("/riverside/citizens/new");
  await page.getByLabel("First name").fill("Private");
  await page.getByLabel("Last name").fill(`Person${run}`);
  await page.getByRole("button", { name: "Create citizen" }).click();
  await expect(page.getByRole("heading", { name: `Private Person${run}` })).toBeVisible();
  const citizenId = new URL(page.url()).pathname.split("/").pop()!;

  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, { email: "viewer@civitas.test", password: "civitas-demo" }, /\/demo$/); // demo only
  await expectStatus(viewer, `/riverside/citizens/${citizenId}`, 404);
  await expectStatus(viewer, `/demo/citizens/${citizenId}`, 404);
  await viewer.context().close();
});

test("the platform admin's tenant page: an unknown or malformed tenant id is 404", async ({ page }) => {
  await signIn(page, E2E_ADMIN, /\/admin/);
  for (const id of [randomUUID(), "not-a-uuid"]) await expectStatus(page, `/admin/tenants/${id}`, 404);
});
