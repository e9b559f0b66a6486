// `npm run bench:load`: requests per second of the signed-in app, one `next start` process on
// PostgreSQL (issue #14 item 5). DATABASE_URL names a scratch database's server as its owner
// (e.g. postgresql://postgres@127.0.0.1:5432/civitas_bench): the bench makes `<name>_load`
// beside it, fresh each run, so every run sees the same demo data (60 citizens).
//
//  1. Builds the app when there is no build or the sources are newer (BENCH_REBUILD=1 forces).
//  2. Migrates and seeds the demo tenant as the owner, then serves it as the login role
//     civitas_web, as scripts/e2e.mjs does (production refuses a superuser).
//  3. Starts the offline demo model (scripts/demo-ai.ts --wire-only) and `next start` pointed
//     at it; signs in as the demo user over HTTP (Auth.js csrf + credentials callback).
//  4. autocannon against each path at 1 and 10 clients; /api/health before and after each
//     group is the yardstick, so the ratio holds on a noisy machine. Prints req/s, p50/p99 and
//     the HTML size of the 50-row lists and the dashboard (and how much is the RSC payload).
//  5. Time to first token of the streamed case summary through the real route vs the SDK
//     straight to the demo model, alternating in the same run.
//
// Environment: BENCH_LOAD_DURATION_S (10 per measurement), BENCH_LOAD_PORT (4100),
// BENCH_LOAD_AI_PORT (4101), BENCH_LOAD_TTFT_RUNS (20), BENCH_LOAD_ONLY=<regex> (paths),
// BENCH_LOAD_CPU_PROF=<dir> (a V8 CPU profile of the server).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, openSync } from "node:fs";
import { loadavg, cpus } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import pg from "pg";
import Anthropic from "@anthropic-ai/sdk";

const DURATION = Number(process.env.BENCH_LOAD_DURATION_S ?? 10);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 4100);
const AI_PORT = Number(process.env.BENCH_LOAD_AI_PORT ?? 4101);
const TTFT_RUNS = Number(process.env.BENCH_LOAD_TTFT_RUNS ?? 20);
const ONLY = process.env.BENCH_LOAD_ONLY ? new RegExp(process.env.BENCH_LOAD_ONLY) : null;
const BASE = `http://127.0.0.1:${PORT}`;
const DEMO = { email: "demo@civitas.test", password: "civitas-demo" }; // the seed's demo owner
// A session cookie is rotated by middleware after 5 minutes (lib/auth/sessions/policy.ts), and
// a rotated-away cookie used after the grace period counts as reuse: sign in again well before.
const RESIGN_AFTER_MS = 3 * 60_000;
const PATHS = [
  { name: "GET /api/tenants/demo/audit", path: "/api/tenants/demo/audit", signedIn: true },
  { name: "landing /", path: "/", signedIn: false },
  { name: "dashboard /demo", path: "/demo", signedIn: true },
  { name: "/demo/cases", path: "/demo/cases", signedIn: true },
  { name: "/demo/citizens (50 rows)", path: "/demo/citizens", signedIn: true },
].filter((p) => !ONLY || ONLY.test(p.name));

if (!process.env.DATABASE_URL) {
  console.error("bench:load needs DATABASE_URL (a PostgreSQL server, as the owner; <name>_load is made fresh)");
  process.exit(2);
}
const children = [];
const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM"));
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

// 1. The build (the same staleness rule as scripts/e2e.mjs).
const sources = ["app", "components", "lib", "middleware.ts", "instrumentation.ts", "next.config.mjs"]
  .filter((p) => existsSync(p))
  .map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs));
if (
  !existsSync(".next/BUILD_ID") ||
  Math.max(...sources) > statSync(".next/BUILD_ID").mtimeMs ||
  process.env.BENCH_REBUILD
) {
  console.log("[bench:load] building the app (next build)…");
  run("npx", ["next", "build"]);
}

// 2. A fresh database, migrated and seeded as the owner; served as civitas_web.
const KEYS = {
  ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `bench1:${Buffer.alloc(32, 5).toString("base64")}`,
  BLIND_INDEX_KEY: process.env.BLIND_INDEX_KEY ?? Buffer.alloc(32, 6).toString("base64"),
};
const ownerUrl = new URL(process.env.DATABASE_URL);
const dbName = `${decodeURIComponent(ownerUrl.pathname.slice(1)) || "postgres"}_load`.slice(0, 63);
{
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const ident = `"${dbName.replace(/"/g, '""')}"`;
  await admin.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${ident}`);
  await admin.end();
}
ownerUrl.pathname = `/${encodeURIComponent(dbName)}`;
const owner = { ...KEYS, DATABASE_URL: ownerUrl.toString() };
console.log(`[bench:load] database ${dbName} (fresh): migrating and seeding the demo tenant…`);
run("npx", ["tsx", "scripts/db/migrate.ts", "deploy"], owner);
run("npx", ["tsx", "scripts/db/seed.ts"], owner);
run("npx", ["tsx", "scripts/db/app-login.ts"], owner);
const appUrl = new URL(ownerUrl);
appUrl.username = "civitas_web";
appUrl.password = process.env.APP_DATABASE_PASSWORD ?? "";

// 3. The demo model and the app.
mkdirSync(".data", { recursive: true });
const log = openSync(".data/bench-load-server.log", "w");
let stopping = false;
/** A node process (tsx or next's bin), not npx: a SIGTERM then reaches the server itself. */
function start(args, env) {
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", log, log],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  children.push(child);
  child.once("exit", (code) => {
    if (!stopping) {
      console.error(`[bench:load] ${args.join(" ")} exited (${code}); see .data/bench-load-server.log`);
      process.exit(1);
    }
  });
}
async function waitFor(url, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
start(["--import", "tsx", "scripts/demo-ai.ts", "--wire-only"], { AI_DEMO_PORT: String(AI_PORT) });
// BENCH_LOAD_CPU_PROF=<dir>: the server writes a V8 CPU profile there when the bench stops it
// (Next's own NEXT_CPU_PROF, which saves on SIGTERM; node's --cpu-prof does not, Next exits
// from its signal handler).
const profile = process.env.BENCH_LOAD_CPU_PROF
  ? { NEXT_CPU_PROF: "1", NEXT_CPU_PROF_DIR: path.resolve(process.env.BENCH_LOAD_CPU_PROF) }
  : {};
start(["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
  ...KEYS,
  DATABASE_URL: appUrl.toString(),
  AUTH_SECRET: randomBytes(32).toString("base64"),
  APP_URL: BASE,
  // The bench sends no email; production otherwise insists on SMTP_URL.
  EMAIL_DROP_ALLOWED: "1",
  AI_DEMO: "1",
  AI_DEMO_ALLOW_PRODUCTION: "1",
  ANTHROPIC_BASE_URL: `http://127.0.0.1:${AI_PORT}`,
  ANTHROPIC_API_KEY: "demo-offline-key",
  ...profile,
});
await waitFor(`http://127.0.0.1:${AI_PORT}/`);
await waitFor(`${BASE}/api/health`);

/** The cookies a response sets, as a Cookie header (name=value pairs only). */
const cookiesOf = (res) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
let session = { cookie: "", at: 0 };
async function signIn() {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookiesOf(csrf), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, ...DEMO, callbackUrl: "/demo" }).toString(),
  });
  const cookie = [cookiesOf(csrf), cookiesOf(res)].filter(Boolean).join("; ");
  const check = await fetch(`${BASE}/demo`, { headers: { cookie }, redirect: "manual" });
  if (res.status !== 302 || /error/.test(res.headers.get("location") ?? "") || check.status !== 200)
    throw new Error(`sign-in failed: callback ${res.status} → ${res.headers.get("location")}, /demo ${check.status}`);
  session = { cookie, at: Date.now() };
}
const cookie = async () => {
  if (Date.now() - session.at > RESIGN_AFTER_MS) await signIn();
  return session.cookie;
};
await signIn();

// 4. Throughput. A short sequential warm-up first (JIT, route compilation caches).
async function get(p) {
  const res = await fetch(BASE + p.path, { headers: p.signedIn ? { cookie: await cookie() } : {}, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${p.path}: ${res.status} ${body.slice(0, 200)}`);
  return body;
}
const health = { name: "GET /api/health", path: "/api/health", signedIn: false };
for (const p of [health, ...PATHS]) for (let i = 0; i < 20; i++) await get(p);

async function cannon(p, connections) {
  const headers = p.signedIn ? { cookie: await cookie() } : {};
  const r = await autocannon({ url: BASE + p.path, connections, duration: DURATION, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const rows = [];
const loads = [`start: ${load()}`];
for (const connections of [1, 10]) {
  const before = await cannon(health, connections);
  const measured = [];
  for (const p of PATHS) measured.push({ p, r: await cannon(p, connections) });
  const after = await cannon(health, connections);
  const yardstick = (before.rps + after.rps) / 2;
  rows.push({ name: `${health.name} (before)`, connections, r: before, ratio: before.rps / yardstick });
  for (const { p, r } of measured) rows.push({ name: p.name, connections, r, ratio: r.rps / yardstick });
  rows.push({ name: `${health.name} (after)`, connections, r: after, ratio: after.rps / yardstick });
  loads.push(`after ${connections} client${connections === 1 ? "" : "s"}: ${load()}`);
}

// The page weight of the signed-in pages (target for a 50-row list: ≤ 100 KB): the whole HTML,
// and the RSC payload embedded in it (the self.__next_f.push scripts that hydrate the same
// content a second time).
const weights = [];
for (const p of ["/demo/citizens", "/demo/cases", "/demo"]) {
  const html = await get({ path: p, signedIn: true });
  const rsc = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)].reduce(
    (n, m) => n + Buffer.byteLength(m[0]),
    0,
  );
  weights.push({ path: p, html: Buffer.byteLength(html), rsc, rows: (html.match(/<tr[\s>]/g) ?? []).length });
}

// 5. Time to first token: the case summary route (guard, credits, prompt, SSE) vs the SDK
// straight to the same demo model, alternating so drift hits both alike.
const ttft = { app: [], sdk: [] };
let ttftError = null;
if (!ONLY || ONLY.test("summary")) {
  const db = new pg.Client({ connectionString: ownerUrl.toString() });
  await db.connect();
  const { rows: cases } = await db.query(
    "SELECT c.id FROM cases c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'demo' ORDER BY c.id LIMIT 1",
  );
  await db.end();
  const sdk = new Anthropic({ apiKey: "demo-offline-key", baseURL: `http://127.0.0.1:${AI_PORT}`, maxRetries: 0 });
  const viaApp = async () => {
    const t0 = performance.now();
    const res = await fetch(`${BASE}/api/tenants/demo/cases/${cases[0].id}/summary`, {
      method: "POST",
      headers: { cookie: await cookie(), "content-type": "application/json" },
      body: "{}",
    });
    if (res.status !== 200) throw new Error(`summary: ${res.status} ${(await res.text()).slice(0, 200)}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    let first = null;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
      if (first === null && seen.includes("event: text")) first = performance.now() - t0;
    }
    if (first === null) throw new Error(`summary streamed no text: ${seen.slice(0, 200)}`);
    return first;
  };
  const viaSdk = async () => {
    const t0 = performance.now();
    let first = null;
    const stream = sdk.messages.stream({
      model: "claude-haiku-4-5",
      max_tokens: 1000,
      messages: [{ role: "user", content: "Summarise this case." }],
    });
    stream.on("text", () => (first ??= performance.now() - t0));
    await stream.finalMessage();
    return first;
  };
  try {
    for (let i = 0; i < 3; i++) {
      await viaApp();
      await viaSdk();
    }
    for (let i = 0; i < TTFT_RUNS; i++) {
      ttft.app.push(await viaApp());
      ttft.sdk.push(await viaSdk());
    }
  } catch (err) {
    ttftError = err.message;
  }
}
stopping = true;
stopAll();

// Report.
const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : Number.NaN;
};
const f = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");
console.log(`\n## Signed-in load (${new Date().toISOString()}, ${cpus().length} cores, ${DURATION} s per row)\n`);
console.log(`load average (1/5/15 min): ${loads.join("; ")}\n`);
console.log("| path | clients | req/s | p50 ms | p99 ms | ÷ health | non-2xx/errors |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const { name, connections, r, ratio } of rows)
  console.log(`| ${name} | ${connections} | ${f(r.rps)} | ${f(r.p50)} | ${f(r.p99)} | ${f(ratio, 2)} | ${r.bad} |`);
console.log("\n| page | HTML KB (uncompressed) | of which RSC payload KB | <tr> |\n|---|---:|---:|---:|");
for (const w of weights) console.log(`| ${w.path} | ${f(w.html / 1024, 1)} | ${f(w.rsc / 1024, 1)} | ${w.rows} |`);
if (ttft.app.length || ttftError) {
  console.log("\n| time to first token (ms) | median | p95 | runs |\n|---|---:|---:|---:|");
  for (const [k, label] of [
    ["app", "through POST …/cases/<id>/summary"],
    ["sdk", "SDK straight to the demo model"],
  ])
    console.log(`| ${label} | ${f(pct(ttft[k], 0.5), 1)} | ${f(pct(ttft[k], 0.95), 1)} | ${ttft[k].length} |`);
  if (ttftError) console.log(`\ntime to first token stopped: ${ttftError}`);
}
process.exit(0);
