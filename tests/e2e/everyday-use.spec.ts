// What a newcomer noticed on a first walk through the app (issue #13), as a person meets it:
// the landing page says which features are built, the CSV export re-imports and reads accents, focus
// stays where the keyboard user is, and signed-in visitors are never sent to dead ends.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, newTenant, signIn, uniqueId } from "../support/e2e-tenant";

test("the landing page marks each AI feature available or coming, and promises no merge or GDPR requests", async ({
  page,
}) => {
  await page.goto("/");
  const body = page.locator("body");
  await expect(page.getByRole("heading", { name: "AI assistance" })).toBeVisible();
  // Duplicate merge is built now; GDPR erasure requests are not.
  await expect(body).not.toContainText(/erasure|access and erasure/i);
  const card = (title: string) =>
    page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
  for (const title of [
    "Case summaries",
    "Suggestions and reply drafts",
    "Cases from a letter",
    "Chat with your records",
    "Plain-language search",
    "Duplicate review",
    "Daily briefings",
  ])
    await expect(card(title)).toContainText("Available");
  await expect(page.getByText("Coming", { exact: true })).toHaveCount(0);
});

test("signed in: /sign-in goes to the dashboard, and a 404 (also /admin) offers the way back", async ({ page }) => {
  await signIn(page, DEMO);
  await page.goto("/sign-in");
  await expect(page).toHaveURL(/\/demo$/);
  for (const path of ["/admin", `/no-such-page-${uniqueId()}`]) {
    expect((await page.goto(path))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    await page.getByRole("link", { name: "Back to Civitas" }).click();
    await expect(page).toHaveURL(/\/demo$/);
  }
});

test("focus: Reveal keeps it, Delete asks on Cancel, Escape goes back, the account menu moves focus in", async ({
  page,
}) => {
  const tenant = await newTenant(page);
  const last = `Focus${uniqueId()}`;
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name").fill("Kim");
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("National ID", { exact: true }).fill("FO-123");
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Kim ${last}` })).toBeVisible();

  const reveal = page.getByRole("button", { name: "Reveal National ID", exact: true });
  await reveal.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("FO-123")).toBeVisible();
  await expect(page.getByRole("button", { name: "Hide National ID", exact: true })).toBeFocused();

  const del = page.getByRole("button", { name: `Delete Kim ${last}` });
  await del.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: /^Move to trash/ })).toHaveCount(0);
  await expect(del).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: /^Move to trash/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}/citizens$`));
  await expect(page.locator("body")).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");

  await page.getByRole("button", { name: /^Account:/ }).click();
  await expect(page.getByRole("link", { name: "Security and sessions" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: /^Account:/ })).toBeFocused();
});

test("the only owner is told to transfer ownership instead of being offered a leave that fails", async ({ page }) => {
  const tenant = await newTenant(page);
  await page.goto(`/${tenant.slug}/settings/members`);
  await expect(page.getByText("You are the only owner")).toBeVisible();
  await expect(page.getByRole("button", { name: `Leave ${tenant.name}` })).toHaveCount(0);
});

test("the citizens export starts with a UTF-8 BOM, and keeps + phone numbers as data", async ({ page }) => {
  const tenant = await newTenant(page);
  const last = `Ødegård${uniqueId()}`;
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name").fill("Céline");
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Phone", { exact: true }).fill("+31 6 5555 1016");
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Céline ${last}` })).toBeVisible();

  await page.goto(`/${tenant.slug}/citizens`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(await download.failure()).toBeNull();
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  expect(csv).toContain(`,Céline,${last},,+31 6 5555 1016,`);
});

test("a misspelt name that finds nothing offers the similar-names search, which finds the person", async ({ page }) => {
  const tenant = await newTenant(page);
  const last = `Eriksen${uniqueId().replace(/[0-9]/g, "")}`;
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name").fill("Amira");
  await page.getByLabel("Last name").fill(last);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Amira ${last}` })).toBeVisible();

  const typo = `Amira ${last.slice(0, 6)}${last.slice(7)}`;
  await page.goto(`/${tenant.slug}/citizens?${new URLSearchParams({ q: typo })}`);
  await expect(page.getByText("No citizens match these filters")).toBeVisible();
  await page.getByRole("link", { name: `Search similar names for “${typo}”` }).click();
  await expect(page.getByRole("link", { name: new RegExp(last) })).toBeVisible();
});

test("the start of a name finds the person; a misspelt case title shows the similar titles, said so", async ({
  page,
}) => {
  const tenant = await newTenant(page);
  const last = `Eriksen${uniqueId().replace(/[0-9]/g, "")}`;
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name").fill("Amira");
  await page.getByLabel("Last name").fill(last);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Amira ${last}` })).toBeVisible();

  await page.goto(`/${tenant.slug}/citizens?${new URLSearchParams({ q: "ami eriks" })}`);
  await expect(page.getByRole("link", { name: new RegExp(last) })).toBeVisible();

  await page.goto(`/${tenant.slug}/citizens`);
  await page.getByRole("link", { name: new RegExp(last) }).click();
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill("Broken street light");
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Broken street light", exact: true })).toBeVisible();

  await page.goto(`/${tenant.slug}/cases?${new URLSearchParams({ q: "stret light" })}`);
  await expect(
    page.getByText("No case title contains “stret light”: showing the cases with the most similar titles."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Broken street light" })).toBeVisible();
});
