// Live updates as two people see them: one tab watches the dashboard and then the cases list of
// an organisation of its own; another tab (a second session) opens a case and starts work on it.
// The watching tab's counts and rows change without a reload (SSE → router.refresh), carried
// only by ids over /api/tenants/<slug>/events.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, newTenant, signIn, uniqueId } from "../support/e2e-tenant";
import { secondAppPort } from "../support/e2e-ports";

const stat = (page: Page, label: string) => page.locator(`dl > div:has(dt:text-is("${label}")) dd`).first();

test("another session's new case and status change appear on the dashboard and the list, live", async ({
  page,
  browser,
}) => {
  const tenant = await newTenant(page);
  const id = uniqueId();
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name", { exact: true }).fill("Lena");
  await page.getByLabel("Last name", { exact: true }).fill(`Vos${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Lena Vos${id}`, exact: true })).toBeVisible();

  // The watcher: a second browser session of the same organisation, on the dashboard.
  const context = await browser.newContext();
  const watcher = await context.newPage();
  await signIn(watcher, DEMO);
  // The stream must be open before the change is made (a new stream does not replay the past).
  const events = () => watcher.waitForResponse((r) => r.url().includes(`/api/tenants/${tenant.slug}/events`));
  let streamOpen = events();
  await watcher.goto(`/${tenant.slug}`);
  await streamOpen;
  await expect(stat(watcher, "Open cases")).toHaveText("0");
  await expect(stat(watcher, "Citizens")).toHaveText("1");

  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Broken streetlight ${id}`);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Broken streetlight ${id}`, exact: true })).toBeVisible();

  await expect(stat(watcher, "Open cases")).toHaveText("1", { timeout: 10_000 });
  await expect(watcher).toHaveURL(new RegExp(`/${tenant.slug}$`)); // no navigation happened

  streamOpen = events();
  await watcher.goto(`/${tenant.slug}/cases`);
  await streamOpen;
  const row = watcher.getByRole("row").filter({ hasText: `Broken streetlight ${id}` });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText("In progress");

  const status = page.getByRole("group", { name: "Status" });
  await status.getByRole("button", { name: "Start work", exact: true }).click();
  await expect(status.getByText("In progress", { exact: true })).toBeVisible();

  await expect(row).toContainText("In progress", { timeout: 10_000 });
  await context.close();
});

test("a change made through one app instance reaches a browser connected to another", async ({ page, browser }) => {
  test.skip(!secondAppPort, "needs PostgreSQL: the embedded database runs one app instance only");
  const other = `http://127.0.0.1:${secondAppPort}`;
  const tenant = await newTenant(page);
  const id = uniqueId();
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name", { exact: true }).fill("Ines");
  await page.getByLabel("Last name", { exact: true }).fill(`Roth${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Ines Roth${id}`, exact: true })).toBeVisible();

  // The watcher signs in (cookies are per host, not per port) and then watches the dashboard
  // served by the SECOND instance; its event stream is that instance's.
  const context = await browser.newContext();
  const watcher = await context.newPage();
  await signIn(watcher, DEMO);
  const streamOpen = watcher.waitForResponse((r) => r.url().startsWith(`${other}/api/tenants/${tenant.slug}/events`));
  await watcher.goto(`${other}/${tenant.slug}`);
  await streamOpen;
  await expect(stat(watcher, "Open cases")).toHaveText("0");

  // The change goes through the FIRST instance (page's baseURL).
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Pothole ${id}`);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Pothole ${id}`, exact: true })).toBeVisible();

  await expect(stat(watcher, "Open cases")).toHaveText("1", { timeout: 10_000 });
  expect(new URL(watcher.url()).port).toBe(String(secondAppPort));
  await context.close();
});
