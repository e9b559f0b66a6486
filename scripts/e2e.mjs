// Runs the Playwright end-to-end tests against a production build of the app.
//  - Finds a Chromium on the machine (CHROMIUM_PATH, or the usual Debian/Ubuntu paths); when
//    there is none the e2e stage is skipped with a message that says how to get one. CI
//    (CI=true) treats a missing browser as a failure instead.
//  - Builds the app when there is no build or the sources are newer than it.
//  - With DATABASE_URL: migrates and seeds that database first (as that URL's user, the owner),
//    then serves it as the unprivileged login role civitas_web (npm run db:app-login). Without:
//    the server creates a fresh embedded database for this run (migrated and seeded on first start).
import { existsSync, mkdirSync, readdirSync, statSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

/** Must match tests/e2e/admin.spec.ts. */
const E2E_ADMIN = { email: "platform-admin@e2e.test", password: "e2e platform admin password" };

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
  ];
  return candidates.find((p) => p && existsSync(p));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const chromium = findChromium();
if (!chromium) {
  const msg = "No Chromium found (set CHROMIUM_PATH or run: apt-get install -y chromium).";
  if (process.env.CI) {
    console.error(`\n[e2e] FAILED: ${msg}\n`);
    process.exit(1);
  }
  console.warn(`\n[e2e] SKIPPED: ${msg} Unit and integration tests ran; the browser tests did not.\n`);
  process.exit(0);
}

const buildId = ".next/BUILD_ID";
const sources = [
  "app",
  "components",
  "lib",
  "middleware.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "tailwind.config.ts",
]
  .filter((p) => existsSync(p))
  .map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs));
if (!existsSync(buildId) || Math.max(...sources) > statSync(buildId).mtimeMs || process.env.E2E_REBUILD) {
  console.log("[e2e] building the app (next build)…");
  run("npx", ["next", "build"]);
}

// Fixed test keys for the seed, the admin script and the server alike (production requires
// them; never use these anywhere else).
const E2E_KEYS = {
  ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `e2e1:${Buffer.alloc(32, 7).toString("base64")}`,
  BLIND_INDEX_KEY: process.env.BLIND_INDEX_KEY ?? Buffer.alloc(32, 9).toString("base64"),
};
// The browser tests get a database of their own, made fresh for each run (`<name>_e2e` beside
// DATABASE_URL's): the integration tests share DATABASE_URL's database and write there under
// their own keys — the demo tenant they seed cannot be read with E2E_KEYS, so an export of it
// rightly answers 503 — and a run must not depend on what an earlier run left (rate-limit
// buckets, organisations). E2E_REUSE_DATABASE=1 keeps DATABASE_URL's database as it is.
if (process.env.DATABASE_URL && !process.env.E2E_REUSE_DATABASE) {
  const { default: pg } = await import("pg");
  const url = new URL(process.env.DATABASE_URL);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || "postgres"}_e2e`.slice(0, 63);
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const ident = `"${name.replace(/"/g, '""')}"`;
    await admin.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${ident}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${encodeURIComponent(name)}`;
  process.env.DATABASE_URL = url.toString();
  console.log(`[e2e] PostgreSQL database for this run: ${name} (fresh)`);
}
const env = { CHROMIUM_PATH: chromium, ...E2E_KEYS };
// The database is prepared before the server starts: migrated, seeded with the demo tenant,
// and given the platform admin the admin tests sign in as (created the way operators do it).
const prepared = { ...E2E_KEYS };
if (process.env.DATABASE_URL) {
  console.log("[e2e] PostgreSQL: migrating and seeding the demo tenant…");
} else {
  const dir = `.data/e2e-${Date.now()}`;
  rmSync(dir, { recursive: true, force: true });
  env.E2E_PGLITE_DATA_DIR = dir;
  prepared.PGLITE_DATA_DIR = dir;
  console.log(`[e2e] embedded database for this run: ${dir}`);
}
run("npx", ["tsx", "scripts/db/migrate.ts", "deploy"], prepared);
run("npx", ["tsx", "scripts/db/seed.ts"], prepared);
run("npx", ["tsx", "scripts/admin-create.ts", E2E_ADMIN.email], { ...prepared, ADMIN_PASSWORD: E2E_ADMIN.password });
if (process.env.DATABASE_URL) {
  // The production server refuses a superuser or BYPASSRLS login (lib/db/login-role.ts): it runs
  // as the login role made the supported way, while migrations and seeds above ran as the owner.
  // The role has no password unless APP_DATABASE_PASSWORD is set (enough with `trust` auth);
  // E2E_APP_DATABASE_URL overrides the whole URL.
  run("npx", ["tsx", "scripts/db/app-login.ts"], prepared);
  const appUrl = new URL(process.env.DATABASE_URL);
  appUrl.username = "civitas_web";
  appUrl.password = process.env.APP_DATABASE_PASSWORD ?? "";
  env.E2E_SERVER_DATABASE_URL = process.env.E2E_APP_DATABASE_URL ?? appUrl.toString();
}
// The server's output of this run, scanned for secrets once the tests are done: a token, a
// password, an email address or a national id in it fails the run even when every test passed.
const serverLog = process.env.E2E_SERVER_LOG ?? ".data/e2e-server.log";
mkdirSync(path.dirname(serverLog), { recursive: true });
writeFileSync(serverLog, "");
const tests = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, E2E_SERVER_LOG: serverLog },
});
const scan = spawnSync(process.execPath, ["scripts/log-scan.mjs", serverLog], { stdio: "inherit" });
process.exit(tests.status !== 0 ? (tests.status ?? 1) : (scan.status ?? 1));
