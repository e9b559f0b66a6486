// Today's daily briefing on the dashboard, on the offline demo model: an owner presses
// "Generate now" (or finds the day's briefing already written: it is one per local day), sees
// yesterday's figures and the written sentences, and each figure opens the cases list filtered
// to what it counted.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../support/e2e-tenant";

test("generate today's briefing and follow its numbers to the filtered lists", async ({ page }) => {
  await signIn(page, DEMO);
  await page.goto("/demo");
  await expect(page.getByRole("heading", { name: "Daily briefing" })).toBeVisible();
  const generate = page.getByRole("button", { name: "Generate now", exact: true });
  if (await generate.isVisible()) {
    await generate.click();
    await expect(page.getByText(/\d+ credits? used/)).toBeVisible();
  }
  await expect(page.getByText("Yesterday", { exact: false }).first()).toBeVisible();
  const newCases = page.getByTestId("briefing-new").getByRole("link");
  await expect(newCases).toHaveText(/^\d+$/);
  // The sentence names the same figure, as a link too.
  await expect(page.getByText(/came in and/)).toBeVisible();
  const href = await newCases.getAttribute("href");
  expect(href).toMatch(/^\/demo\/cases\?createdFrom=\d{4}-\d{2}-\d{2}&createdTo=\d{4}-\d{2}-\d{2}&tz=[\w%]+$/);
  await newCases.click();
  await expect(page).toHaveURL(/\/demo\/cases\?createdFrom=/);
  await expect(page.getByRole("heading", { name: "Cases", exact: true })).toBeVisible();
  // The list counts the days in the briefing's zone, and says so.
  const zone = decodeURIComponent(new URL(href!, "http://x").searchParams.get("tz")!);
  await expect(page.getByTestId("cases-day-zone")).toHaveText(`Days are counted in ${zone}.`);

  await page.goto("/demo");
  await page.getByTestId("briefing-overdue").getByRole("link").click();
  await expect(page).toHaveURL(/\/demo\/cases\?status=overdue$/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("overdue");
});

test("a member turns the daily briefing email on and off for themself", async ({ page }) => {
  await signIn(page, DEMO);
  await page.goto("/demo/settings/notifications");
  await expect(page.getByRole("heading", { name: "Daily briefing by email" })).toBeVisible();
  const box = page.getByRole("checkbox", { name: "Email me the daily briefing" });
  const save = page.getByRole("button", { name: "Save" });
  await box.check();
  await save.click();
  await expect(page.getByText("You will get the daily briefing by email.")).toBeVisible();
  await page.reload();
  await expect(box).toBeChecked();
  await box.uncheck();
  await save.click();
  await expect(page.getByText("You will no longer get the daily briefing by email.")).toBeVisible();
  await page.reload();
  await expect(box).not.toBeChecked();
});
