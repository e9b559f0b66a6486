// axe-core (pinned in package.json) on every main page, in light and in dark mode: 0 violations
// (issue #13: "axe-core still finds 0 violations on every page"). Injected from node_modules,
// so no network and no wrapper package; the theme follows the emulated colour scheme ("System").
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "../support/e2e-tenant";

const AXE_SOURCE = readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/** Runs axe on the page as it is; returns its violations, one line each, for a readable failure. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not a <script> tag: the page's CSP (nonces) rightly refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join(", ")}`,
  );
}

const PUBLIC_PAGES = ["/", "/sign-in", "/sign-up", "/forgot-password"];

/** The demo tenant's pages, with a citizen and a case of its own found on the lists. */
async function dashboardPages(page: Page): Promise<string[]> {
  await page.goto("/demo/citizens");
  const citizen = await page.locator('main table a[href^="/demo/citizens/"]').first().getAttribute("href");
  await page.goto("/demo/cases");
  const caseHref = await page
    .getByRole("region", { name: "Cases table" })
    .locator('a[href^="/demo/cases/"]')
    .first()
    .getAttribute("href");
  return [
    "/demo",
    "/demo/citizens",
    citizen!,
    `${citizen}/edit`,
    "/demo/citizens/new",
    "/demo/citizens/import",
    "/demo/cases",
    caseHref!,
    "/demo/cases/new",
    "/demo/audit",
    "/demo/settings/members",
    "/demo/settings/fields",
    "/demo/settings/ai",
    "/demo/settings/region",
    "/demo/settings/billing",
    "/demo/settings/security",
    "/demo/settings/notifications",
    "/no-such-page",
  ];
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe-core finds no violations on the main pages (${colorScheme} mode)`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme });
    const found: string[] = [];
    const check = async (path: string) => {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      for (const line of await axeViolations(page)) found.push(`${path}: ${line}`);
    };
    for (const path of PUBLIC_PAGES) await check(path);
    await signIn(page, DEMO);
    for (const path of await dashboardPages(page)) await check(path);
    expect(found).toEqual([]);
  });
}
