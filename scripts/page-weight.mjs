// Page weight (issue #14 item 3): for every page route of a production build (`next build`,
// `.next/`), the scripts its HTML loads and the sum of their gzip sizes, against the route's
// budget. Exits 1 when a route is over budget (or the build is missing); PAGE_WEIGHT_REPORT_ONLY=1
// prints the same table and exits 0 (the CI step, while the budgets are not met yet).
//
// What "the scripts its HTML loads" means here, read from the build's own manifests rather than
// from a running server (signed-in pages would need a database and a session):
//  - build-manifest.json `rootMainFiles`: the framework runtime every App Router page loads;
//  - the page's client reference manifest (`page_client-reference-manifest.js`) `entryJSFiles`:
//    the chunks of the client components of every segment on the page's path (root layout,
//    layouts, error boundaries, the global error page, the page), which the HTML names as
//    `<script async>` so the page hydrates; each chunk counted once. A segment's `not-found`
//    chunks are not in the HTML (they load when notFound() renders), except on /_not-found.
// Checked against `next start`: the landing and sign-in HTML name exactly these scripts, plus
// `polyfillFiles`, which the HTML loads with `noModule`, so only browsers without ES modules
// fetch it. The budget applies to what a current browser loads; the second column adds the
// polyfill, which is how the baseline (landing 186 KB, sign-in 220) was counted.
// Not counted either way: chunks behind `import()` / `next/dynamic({ ssr: false })`, which load
// when the code that needs them runs.
//
// Usage: npm run page-weight [-- --markdown <file>]   (writes the table as Markdown too)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const dir = process.env.PAGE_WEIGHT_DIR ?? ".next";
const KB = 1024;

/** Budgets in KB of gzip, issue #14 item 3. First matching rule wins. */
const BUDGETS = [
  { match: (route) => route === "/", kb: 125, why: "landing" },
  { match: (route) => route === "/[tenant]/citizens/import", kb: 180, why: "import" },
  { match: () => true, kb: 165, why: "sign-in and signed-in pages" },
];

function fail(message) {
  console.error(`page-weight: ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(dir, "BUILD_ID"))) fail(`no production build in ${dir}/ (run: npm run build)`);

const buildManifest = JSON.parse(readFileSync(path.join(dir, "build-manifest.json"), "utf8"));
const routes = JSON.parse(readFileSync(path.join(dir, "app-path-routes-manifest.json"), "utf8"));

/** Reads a `page_client-reference-manifest.js` (it assigns to globalThis.__RSC_MANIFEST). */
function clientManifest(entry) {
  const file = path.join(dir, "server", "app", `${entry}_client-reference-manifest.js`);
  if (!existsSync(file)) return null;
  const sandbox = { globalThis: {} };
  sandbox.self = sandbox.globalThis;
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifests = sandbox.globalThis.__RSC_MANIFEST ?? {};
  return manifests[entry] ?? Object.values(manifests)[0] ?? null;
}

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) {
    const full = path.join(dir, file);
    gzipCache.set(file, existsSync(full) ? gzipSync(readFileSync(full), { level: 9 }).length : 0);
  }
  return gzipCache.get(file);
}

/** The scripts the route's HTML names for a browser with ES modules (see the header). */
function scriptsOf(entry, route, manifest) {
  const files = new Set(buildManifest.rootMainFiles ?? []);
  for (const [segment, list] of Object.entries(manifest.entryJSFiles ?? {})) {
    if (segment.endsWith("/not-found") && route !== "/_not-found") continue;
    for (const f of list) files.add(f);
  }
  return files;
}
const polyfillKb = (buildManifest.polyfillFiles ?? []).reduce((s, f) => s + gzipBytes(f), 0) / KB;

const rows = [];
for (const [entry, route] of Object.entries(routes)) {
  // Pages only: route handlers (`/route`) ship no HTML, the dev mailbox is not served in
  // production, and the global error page is the root layout's fallback, not a route.
  if (!entry.endsWith("/page") || route.startsWith("/dev/") || route === "/_global-error") continue;
  const manifest = clientManifest(entry);
  if (!manifest) continue;
  const files = scriptsOf(entry, route, manifest);
  const bytes = [...files].reduce((sum, f) => sum + gzipBytes(f), 0);
  const budget = BUDGETS.find((b) => b.match(route));
  rows.push({ route, files: files.size, kb: bytes / KB, budget: budget.kb, over: bytes / KB > budget.kb });
}
if (rows.length === 0) fail(`no page routes found in ${dir}/app-path-routes-manifest.json`);
rows.sort((a, b) => a.route.localeCompare(b.route));

// The largest chunks across all routes, so a reader sees where the weight is.
const chunkRoutes = new Map();
for (const [entry, route] of Object.entries(routes)) {
  if (!rows.some((r) => r.route === route)) continue;
  for (const f of scriptsOf(entry, route, clientManifest(entry))) chunkRoutes.set(f, (chunkRoutes.get(f) ?? 0) + 1);
}

const fmt = (kb) => kb.toFixed(1);
const lines = [
  "| route | scripts | gzip KB | with nomodule polyfill | budget KB | |",
  "|---|---:|---:|---:|---:|---|",
  ...rows.map(
    (r) =>
      `| \`${r.route}\` | ${r.files} | ${fmt(r.kb)} | ${fmt(r.kb + polyfillKb)} | ${r.budget} | ${r.over ? "**over**" : "ok"} |`,
  ),
];
const over = rows.filter((r) => r.over);
const runtimeKb = (buildManifest.rootMainFiles ?? []).reduce((s, f) => s + gzipBytes(f), 0) / KB;
const summary = `${rows.length} routes, ${over.length} over budget; framework runtime (rootMainFiles) ${fmt(runtimeKb)} KB of every route, nomodule polyfill ${fmt(polyfillKb)} KB (not loaded by current browsers)`;

console.log(lines.join("\n"));
console.log(`\n${summary}`);
const biggest = [...chunkRoutes.entries()]
  .map(([f, n]) => ({ f, n, kb: gzipBytes(f) / KB }))
  .sort((a, b) => b.kb - a.kb)
  .slice(0, 8);
console.log("\nlargest chunks (gzip KB, on how many routes):");
for (const c of biggest) console.log(`  ${fmt(c.kb).padStart(6)}  ${String(c.n).padStart(2)} routes  ${c.f}`);

const mdIndex = process.argv.indexOf("--markdown");
if (mdIndex > 0 && process.argv[mdIndex + 1]) {
  writeFileSync(process.argv[mdIndex + 1], `${lines.join("\n")}\n\n${summary}\n`);
}

if (over.length > 0) {
  const names = over.map((r) => `${r.route} ${fmt(r.kb)}/${r.budget}`).join(", ");
  if (process.env.PAGE_WEIGHT_REPORT_ONLY) {
    console.log(`\npage-weight: over budget (reported, not failing): ${names}`);
  } else {
    fail(`over budget: ${names}`);
  }
}
