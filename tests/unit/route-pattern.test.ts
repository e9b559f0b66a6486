// The access log's route patterns: ids, slugs and tokens in a path never reach the log.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { compileRoutes, routePatternFor } from "@/lib/log/route-pattern";
import { kindOf } from "@/lib/log/access-log";

/** The app's routes as the build's manifest lists them: app/ paths without route groups. */
function appRoutes(dir = "app", prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory())
      out.push(...appRoutes(full, /^\(.*\)$/.test(entry) ? prefix : `${prefix}/${entry}`));
    else if (/^(page|route)\.tsx?$/.test(entry)) out.push(prefix || "/");
  }
  return out;
}

// The build adds metadata files (app/icon.svg) as routes of their own.
const routes = compileRoutes([...appRoutes(), "/icon.svg"]);
const ID = "4c8f2a4e-1d7b-4f5e-9a3b-0c1d2e3f4a5b";

test.each([
  ["/", "/"],
  ["/demo", "/[tenant]"],
  ["/demo/citizens", "/[tenant]/citizens"],
  [`/demo/citizens/${ID}`, "/[tenant]/citizens/[citizenId]"],
  [`/demo/citizens/${ID}/edit`, "/[tenant]/citizens/[citizenId]/edit"],
  ["/demo/citizens/new", "/[tenant]/citizens/new"],
  ["/demo/citizens/import", "/[tenant]/citizens/import"],
  ["/demo/cases/new", "/[tenant]/cases/new"],
  [`/riverside/cases/${ID}`, "/[tenant]/cases/[caseId]"],
  ["/sign-in", "/sign-in"],
  ["/sign-in/continue", "/sign-in/continue"],
  ["/admin", "/admin"],
  [`/admin/tenants/${ID}`, "/admin/tenants/[tenantId]"],
  ["/invitations/Zk9_-xZk9_-xZk9_-xZk9_-xZk9_-xZk9_-xZk9_-x", "/invitations/[token]"],
  ["/reset-password?token=secret", "/reset-password"],
  ["/api/health", "/api/health"],
  ["/api/auth/callback/credentials", "/api/auth/[...nextauth]"],
  ["/api/tenants/demo/citizens/imports", "/api/tenants/[tenant]/citizens/imports"],
  ["/api/tenants/demo/citizens/imports/preview", "/api/tenants/[tenant]/citizens/imports/preview"],
  [`/api/tenants/demo/citizens/imports/${ID}/commit`, "/api/tenants/[tenant]/citizens/imports/[jobId]/commit"],
  ["/dev/mailbox", "/dev/mailbox"],
  ["/_next/static/chunks/abc123.js", "/_next/static/[...path]"],
  ["/demo/citizens/x/y/z", "(unmatched)"],
  ["/favicon.ico", "/[file]"],
  ["/robots.txt", "/[file]"],
  ["/icon.svg", "/icon.svg"],
])("%s → %s", (pathname, pattern) => {
  expect(routePatternFor(pathname, routes)).toBe(pattern);
});

test("static segments win over dynamic ones whatever the manifest's order", () => {
  const table = compileRoutes(["/[a]/[b]", "/[a]/new", "/x/[b]", "/[...all]"]);
  expect(routePatternFor("/x/new", table)).toBe("/x/[b]");
  expect(routePatternFor("/y/new", table)).toBe("/[a]/new");
  expect(routePatternFor("/y/z", table)).toBe("/[a]/[b]");
  expect(routePatternFor("/y/z/w", table)).toBe("/[...all]");
  expect(routePatternFor("/anything", compileRoutes([]))).toBe("(unmatched)");
});

test("kinds", () => {
  expect(kindOf("/[tenant]/citizens", true)).toBe("action");
  expect(kindOf("/api/health", false)).toBe("api");
  expect(kindOf("/_next/static/[...path]", false)).toBe("static");
  expect(kindOf("/[tenant]", false)).toBe("page");
});
