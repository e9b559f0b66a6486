// Every server action and route handler must go through one of the guards in
// lib/auth/guard.ts (tenant, user and public guards) or lib/auth/platform-guard.ts (platform
// admin guards). This reads the app/ tree and fails on any exported handler that does not.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const GUARDS = [
  "withTenant",
  "tenantAction",
  "userAction",
  "userFormAction",
  "publicAction",
  "publicRoute",
  "platformAction",
  "withPlatformAdmin",
];
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
// Auth.js's own endpoints: its handlers do their own CSRF and session work.
const ALLOWED = new Set(["app/api/auth/[...nextauth]/route.ts"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const handlerFiles = files("app").filter(
  (f) => /(^|\/)route\.ts$/.test(f) || /"use server"/.test(readFileSync(f, "utf8").slice(0, 200)),
);

test("there are handlers to check", () => {
  expect(handlerFiles.length).toBeGreaterThanOrEqual(4);
});

test.each(handlerFiles.filter((f) => !ALLOWED.has(f)))("%s: every export goes through a guard", (file) => {
  const source = readFileSync(file, "utf8");
  const isRoute = file.endsWith("route.ts");
  const exports = [
    ...source.matchAll(/export\s+(?:const|async function|function)\s+([A-Za-z0-9_]+)\s*(=\s*([A-Za-z0-9_]+))?/g),
  ];
  const handlers = exports.filter((m) => (isRoute ? HTTP_METHODS.includes(m[1]!) : true));
  expect(handlers.length).toBeGreaterThan(0);
  for (const m of handlers) {
    expect({ file, export: m[1], guard: m[3] && GUARDS.includes(m[3]) ? m[3] : "none" }).toEqual({
      file,
      export: m[1],
      guard: m[3],
    });
    expect(GUARDS).toContain(m[3]);
  }
});
