// The rest of the newcomer's walk-through (issue #13): what a person sees on the Security page,
// forms that keep what was typed, the citizen picker for a new case, words instead of codes.
import { expect, test } from "@playwright/test";
import { DEMO, followEmailLink, invite, newPerson, newTenant, signIn, uniqueId } from "../support/e2e-tenant";

test("the Security page names this browser's device and address", async ({ page }) => {
  await signIn(page, DEMO);
  await page.goto("/demo/settings/security");
  const current = page
    .getByRole("list", { name: "Active sessions" })
    .getByRole("listitem")
    .filter({ hasText: "This browser" });
  await expect(current).toContainText(/Chrom/);
  await expect(current).toContainText("127.0.0.1");
  await expect(current).not.toContainText("Unknown device");
  await expect(current).not.toContainText("address unknown");
});

test("the invitation sign-up form keeps what was typed after a validation error", async ({ page, browser }) => {
  const tenant = await newTenant(page);
  const person = newPerson("Noor");
  await invite(page, tenant, person, "MEMBER");
  const context = await browser.newContext();
  const invited = await context.newPage();
  await followEmailLink(invited, person.email, "Accept invitation");
  await expect(invited.getByRole("heading", { name: `Join ${tenant.name}` })).toBeVisible();
  await invited.getByLabel("Your name").fill(person.name);
  await invited.getByLabel("Choose a password").fill(person.password);
  await invited.getByLabel("Repeat the password").fill(`${person.password} but different`);
  await invited.getByRole("button", { name: "Create account and join", exact: true }).click();
  await expect(invited.getByText("The passwords don't match")).toBeVisible();
  await expect(invited.getByLabel("Repeat the password")).toBeFocused();
  await expect(invited.getByLabel("Your name")).toHaveValue(person.name);
  await expect(invited.getByLabel("Choose a password")).toHaveValue(person.password);
  // Corrected, the same form goes through: nothing has to be typed again.
  await invited.getByLabel("Repeat the password").fill(person.password);
  await invited.getByRole("button", { name: "Create account and join", exact: true }).click();
  await expect(invited).toHaveURL(new RegExp(`/${tenant.slug}$`));
  await context.close();
});

test("New case on the cases list: the citizen is chosen in the form, by keyboard", async ({ page }) => {
  const tenant = await newTenant(page);
  const last = `Eriksen${uniqueId()}`;
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name").fill("Amira");
  await page.getByLabel("Last name").fill(last);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Amira ${last}` })).toBeVisible();

  await page.goto(`/${tenant.slug}/cases`);
  await page.getByRole("link", { name: "New case" }).click();
  await expect(page.getByRole("heading", { name: "Open a case" })).toBeVisible();
  await expect(page.getByText(/choose a citizen/i)).toHaveCount(0);
  // Opening it without a citizen says so at the picker, and focus goes there.
  await page.getByLabel("Title").fill("Broken streetlight");
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  const picker = page.getByRole("combobox", { name: "For which citizen" });
  await expect(picker).toBeFocused();
  await expect(page.getByText("Choose a citizen")).toBeVisible();

  await picker.pressSequentially(last.slice(0, 9).toLowerCase());
  const option = page.getByRole("option", { name: `Amira ${last}` });
  await expect(option).toBeVisible();
  await picker.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(picker).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await picker.press("Enter");
  await expect(page.getByRole("button", { name: "Change citizen" })).toBeFocused();
  await expect(page.getByText(`Amira ${last}`)).toBeVisible();
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}/cases/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: "Broken streetlight" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Amira ${last}`);
});

test("the citizen picker says when nobody matches, and Escape closes its list", async ({ page }) => {
  const tenant = await newTenant(page);
  await page.goto(`/${tenant.slug}/cases/new`);
  const picker = page.getByRole("combobox", { name: "For which citizen" });
  await picker.fill("Qqxxzzy");
  await expect(page.getByRole("status").filter({ hasText: "No citizen matches “Qqxxzzy”." })).toBeVisible();
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await picker.press("Escape");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
});
