// The rest of the newcomer's walk-through (issue #13): what a person sees on the Security page,
// forms that keep what was typed, the citizen picker for a new case, words instead of codes.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../support/e2e-tenant";

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
