// Billing as people use it: an owner upgrades to Pro through Checkout (the local Stripe
// stand-in's page, which delivers the signed webhooks and redirects back), sees the new plan
// and its credits, and buys a credit pack; a member has no billing link and the page is a 404; a
// platform admin re-syncs a subscribed tenant from Stripe; the ledger filters and exports.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { newTenant, PLATFORM_ADMIN, signIn, uniqueId } from "../support/e2e-tenant";

test("an owner upgrades to Pro and buys a credit pack through Stripe Checkout", async ({ page }) => {
  const tenant = await newTenant(page);
  await page.getByRole("link", { name: "Plan and credits", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}/settings/billing$`));
  await expect(page.getByRole("heading", { name: "Free plan", exact: true })).toBeVisible();
  await expect(page.getByText("No subscription")).toBeVisible();
  const noCredits = page.getByRole("status").filter({ hasText: "no AI credits left" });
  // A new organisation starts with this month's free allowance.
  await expect(page.getByText(/Monthly allowance \d{4}-\d{2} \(Free plan\)/)).toBeVisible();
  await expect(noCredits).toHaveCount(0);

  await page.getByRole("button", { name: /^Upgrade to Pro/ }).click();
  await expect(page.getByRole("heading", { name: "Test checkout" })).toBeVisible();
  await expect(page.getByText("Subscription", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Pay", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}/settings/billing\\?checkout=success$`));
  await expect(page.getByRole("status").filter({ hasText: "the payment went through" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pro plan", exact: true })).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  const balance = page
    .getByRole("region", { name: "Credit balance" })
    .or(page.locator("[aria-labelledby=balance-heading]"));
  await expect(balance.getByText("20,500", { exact: true })).toBeVisible();
  await expect(page.getByText("Pro plan: credits of the period")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Upgrade to Pro/ })).toHaveCount(0);
  // The period's invoice, read from Stripe.
  const invoices = page.locator("[aria-labelledby=invoices-heading]");
  await expect(invoices.getByRole("cell", { name: "Paid", exact: true })).toBeVisible();
  await expect(invoices.getByRole("cell", { name: "€49.00", exact: true })).toBeVisible();
  await expect(noCredits).toHaveCount(0);

  await page.getByRole("button", { name: /^Buy 5,000 credits/ }).click();
  await expect(page.getByText("One-off payment", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page).toHaveURL(/checkout=success$/);
  await expect(balance.getByText("25,500", { exact: true })).toBeVisible();
  await expect(page.getByText("Credit pack 5,000 credits")).toBeVisible();
});

test("a member has no billing link, and the billing page answers 404", async ({ page }) => {
  await signIn(page, { email: "member@civitas.test", password: "civitas-demo" });
  await expect(page.getByRole("link", { name: "Plan and credits", exact: true })).toHaveCount(0);
  const res = await page.goto("/demo/settings/billing");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("button", { name: /^Upgrade to/ })).toHaveCount(0);
});

test("a platform admin re-syncs a subscribed organisation from Stripe, with a reason", async ({ page, browser }) => {
  const tenant = await newTenant(page);
  await page.getByRole("link", { name: "Plan and credits", exact: true }).click();
  await page.getByRole("button", { name: /^Upgrade to Pro/ }).click();
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Pro plan", exact: true })).toBeVisible();
  // Every webhook applied (the period's credits are the last), so the re-sync finds nothing to do.
  await expect(page.getByText("Pro plan: credits of the period")).toBeVisible();

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, PLATFORM_ADMIN, /\/admin$/);
  await admin.goto(`/admin/tenants?${new URLSearchParams({ q: tenant.name })}`);
  await admin
    .getByRole("region", { name: "Tenants table" })
    .getByRole("link", { name: tenant.name, exact: true })
    .click();
  await expect(admin.getByText(/^active, renews /)).toBeVisible();
  const resync = admin.getByRole("button", { name: "Re-sync from Stripe", exact: true });
  await resync.click();
  const reason = admin.getByLabel("Reason for the re-sync", { exact: true });
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await reason.fill("End-to-end test: check Stripe and Civitas agree");
  await resync.click();
  await expect(admin.getByText("Re-synced: Stripe and Civitas already agreed, nothing changed.")).toBeVisible();
  await context.close();
});

test("an owner filters the credit ledger, sees a refused filter explained, and exports it as CSV", async ({ page }) => {
  const tenant = await newTenant(page);
  await page.goto(`/${tenant.slug}/settings/billing`);
  // A new organisation has used no AI yet: the usage card says so instead of drawing empty charts.
  await expect(page.locator("[aria-labelledby=usage-heading]").getByText("No AI use in this period")).toBeVisible();
  const ledger = page.locator("[aria-labelledby=ledger-heading]");
  await expect(ledger.getByText(/Monthly allowance \d{4}-\d{2} \(Free plan\)/)).toBeVisible();

  await ledger.getByLabel("What").selectOption({ label: "Credit purchase" });
  await ledger.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/kind=purchase/);
  await expect(ledger.getByText("No entries match")).toBeVisible();

  await ledger.getByLabel("What").selectOption({ label: "Monthly or promotional grant" });
  await ledger.getByLabel("From (UTC)").fill("2026-03-02");
  await ledger.getByLabel("To (UTC, inclusive)").fill("2026-03-01");
  await ledger.getByRole("button", { name: "Apply filters" }).click();
  await expect(ledger.getByText("The end date is before the start date")).toBeVisible();
  await expect(ledger.getByLabel("To (UTC, inclusive)")).toHaveAttribute("aria-invalid", "true");

  await ledger.getByRole("link", { name: "Clear" }).click();
  await expect(ledger.getByText(/Monthly allowance \d{4}-\d{2} \(Free plan\)/)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    ledger.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^credits-${tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain("created_at,kind,feature,credits,reason,actor_type,request_id");
  expect(csv).toMatch(/,grant,,500,Monthly allowance/);
});

test("the pricing page is public and shows the plans the billing page sells", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Pricing", exact: true }).click();
  await expect(page).toHaveURL(/\/pricing$/);
  await expect(page.getByRole("heading", { name: "Pricing", level: 1 })).toBeVisible();
  const pro = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Pro", exact: true }) });
  await expect(pro.getByText("€49/month")).toBeVisible();
  await expect(pro.getByText("20,000 AI credits every month")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Credit packs" })).toBeVisible();
});

test("an owner sees the credits each person spent over time and follows a person to the members page", async ({
  page,
}) => {
  const tenant = await newTenant(page);
  await page.goto(`/${tenant.slug}/settings/billing`);
  const people = page.locator("[aria-labelledby=usage-people-heading]");
  await expect(people.getByText("Nobody used AI features in this period")).toBeVisible();

  // One AI request by the owner: a case summary on the offline demo model.
  const id = uniqueId();
  await page.goto(`/${tenant.slug}/citizens/new`);
  await page.getByLabel("First name", { exact: true }).fill("Iris");
  await page.getByLabel("Last name", { exact: true }).fill(`Verbeek${id}`);
  await page.getByRole("button", { name: "Create citizen", exact: true }).click();
  await page.getByRole("link", { name: "Open a case", exact: true }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Streetlight out on the corner ${id}`);
  await page.getByRole("button", { name: "Open case", exact: true }).click();
  await page
    .getByRole("textbox", { name: "Add a note", exact: true })
    .fill("Reported by phone; the light has been out a week.");
  await page.getByRole("button", { name: "Add note", exact: true }).click();
  await page.getByRole("button", { name: "Summarise", exact: true }).click();
  await expect(page.getByText(/\d+ credits? used · [\d,.]+ left/)).toBeVisible();

  await page.goto(`/${tenant.slug}/settings/billing`);
  await expect(people.getByText(/per day: [\d,.]+ credits\./)).toBeVisible();
  await expect(people.getByRole("img", { name: /^Dana Demo: [\d,.]+ credits, most in the day from / })).toBeVisible();
  await expect(people.getByText(/[\d,.]+ credits · 1 request$/)).toBeVisible();
  // The numbers as a table: today's row names the person's credits.
  await people.getByText("Show every day as a table").click();
  await expect(people.getByRole("columnheader", { name: "Dana Demo" })).toBeVisible();
  await expect(people.getByRole("rowheader", { name: new Date().toISOString().slice(0, 10) })).toBeVisible();

  await people.getByLabel("Period", { exact: true }).selectOption({ label: "Last 7 days" });
  await people.getByLabel("Per", { exact: true }).selectOption({ label: "Week" });
  await people.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/usageRange=7&usageBucket=week/);
  await expect(people.getByText(/per week: [\d,.]+ credits\./)).toBeVisible();

  const person = people.getByRole("link", { name: "Dana Demo", exact: true });
  const anchor = (await person.getAttribute("href"))!.split("#")[1]!;
  await person.click();
  await expect(page).toHaveURL(new RegExp(`/${tenant.slug}/settings/members#member-[0-9a-f-]{36}$`));
  await expect(page.locator(`[id="${anchor}"]`)).toContainText("Dana Demo");
  await expect(page.locator("tr:target")).toContainText("Dana Demo");
});
