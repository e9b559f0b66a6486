// `npm run bench`: latency of the citizen and case lists at 1,000,000 citizens per tenant, and
// what tenant isolation costs on top of the SQL. Needs DATABASE_URL (a scratch PostgreSQL
// database, e.g. postgresql://postgres@127.0.0.1:5432/civitas_bench, as its owner).
//
// Seeds once (scripts/bench/seed.ts: bench-big with 1,000,000 citizens, two tenants with
// 50,000, ~300,000 cases; resumable), then measures each query, round-robin, 20 warm-up + 200
// runs, median and p95:
//   direct        the SQL of the business function (citizenPageSql / casePageSql) on a plain
//                 node-postgres client as the owner: one round trip, no transaction, no RLS
//   app           the business function itself, listCitizens / listCases: Prisma interactive
//                 $tenantTransaction (BEGIN, set_config, query, COMMIT) through both walls
//   tenantQuery   lib/db/tenant-read.ts: same SQL, both walls, one pipelined round trip
//   prisma batch  Prisma's batch form $transaction([set_config, $queryRaw]), both walls
// pass = app median < 100 ms and app/direct ≤ 2. Queries that miss get their EXPLAIN
// (ANALYZE, BUFFERS), as the owner and as the app role under RLS, so the cause is visible.
//
// Environment: BENCH_CITIZENS (1000000), BENCH_SMALL_CITIZENS (50000), BENCH_RUNS (200),
// BENCH_WARMUP (20), BENCH_QUERY_BUDGET_S (35: fewer runs for a slow query),
// BENCH_SEED_TRIGGER=off (seed with the search trigger disabled), BENCH_MARKDOWN=<file> (also
// write the results as Markdown), BENCH_ONLY=<regex> (only the queries whose name matches).
// Keys: ENCRYPTION_KEYS/BLIND_INDEX_KEY or the development key file, as the app; the seed
// recomputes the bench emails' blind indexes when BLIND_INDEX_KEY is not the one they used.
//
// After the migrations, before the seed: the credit ledger's reserve+settle throughput on one
// tenant (scripts/bench/credits.ts; BENCH_ONLY=credits runs only that, without seeding), and
// Stripe webhook events/s and p99 latency (scripts/bench/billing.ts; BENCH_ONLY=billing), and
// the duplicate finder at 1,000,000 citizens (scripts/bench/duplicates.ts; BENCH_ONLY=duplicates,
// BENCH_DUP_CITIZENS, BENCH_DUP_RUNS).
//
// First, without any database: the AI streaming benchmarks (scripts/bench/ai.ts: ai-cancel,
// ai-stream; BENCH_AI_RUNS, default 50). BENCH_ONLY=ai- runs only those, DATABASE_URL or not.
import "./server-only-shim";
import { Client } from "pg";
import { cpus, totalmem } from "node:os";
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { applyMigrations } from "../../lib/db/migrations/apply-migrations";
import { createPgRunner } from "../../lib/db/migrations/pg-runner";
import { getConfig } from "../../lib/config";
import { getKeyring } from "../../lib/crypto/keyring";
import { getDatabase } from "../../lib/db";
import { closeTenantReadPool, tenantQuery } from "../../lib/db/tenant-read";
import type { Prisma } from "../../lib/generated/prisma/client";
import { citizenPageSql, listCitizens } from "../../lib/citizens/list";
import { citizenListQuerySchema } from "../../lib/citizens/schemas";
import { casePageSql, listCases } from "../../lib/cases/list";
import { caseListQuerySchema } from "../../lib/cases/schemas";
import { benchEmail, seedBench } from "./seed";
import { explain, measureVariants, planSummary, type Stats } from "./measure";
import { runAiBenches } from "./ai";
import { runCreditBenches } from "./credits";
import { runBillingBenches } from "./billing";
import { runDuplicateBenches } from "./duplicates";

const FUZZY_SETTINGS = { "pg_trgm.similarity_threshold": "0.3", "pg_trgm.word_similarity_threshold": "0.5" };
const TARGET_MS = 100;
const MAX_RATIO = 2;

type BenchQuery = {
  name: string;
  sql: Prisma.Sql;
  settings?: Record<string, string>;
  app: () => Promise<{ rows: number }>;
};

type Result = { name: string; rows: number; direct: Stats; app: Stats; read: Stats; batch: Stats };

function usage(): never {
  console.error(
    "npm run bench needs DATABASE_URL: a scratch PostgreSQL database it may fill with ~1.1 million citizens, as its owner.\n" +
      "  createdb civitas_bench && DATABASE_URL=postgresql://postgres@127.0.0.1:5432/civitas_bench npm run bench",
  );
  process.exit(2);
}

const fmt = (s: Stats) =>
  s.error ? `error${s.n ? ` after ${s.n} runs` : ""}` : `${s.median.toFixed(2)} / ${s.p95.toFixed(2)}`;
const ratio = (a: Stats, b: Stats) => a.median / b.median;
const fmtRatio = (a: Stats, b: Stats) => (a.error || b.error ? "—" : `${ratio(a, b).toFixed(2)}×`);
const passes = (app: Stats, direct: Stats) =>
  !app.error && !direct.error && app.median < TARGET_MS && ratio(app, direct) <= MAX_RATIO;

async function main() {
  const url = process.env.DATABASE_URL;
  const onlyAi = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;
  const ai = await runAiBenches(onlyAi);
  if (ai.length > 0) console.log(`\n${ai.flatMap((r) => r.lines).join("\n")}\n`);
  if (!url && ai.length > 0 && onlyAi) return;
  if (!url) usage();
  // The business functions open the app's database from the environment (lib/db): no demo
  // seed, quiet logs. The bench's own connection is the owner (the URL's user).
  process.env.SEED_DEMO_ON_FIRST_START = "0";
  process.env.LOG_LEVEL ??= "warn";
  const config = getConfig();
  const BIG = Number(process.env.BENCH_CITIZENS ?? 1_000_000);
  const SMALL = Number(process.env.BENCH_SMALL_CITIZENS ?? 50_000);
  const RUNS = Number(process.env.BENCH_RUNS ?? 200);
  const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
  const BUDGET_MS = Number(process.env.BENCH_QUERY_BUDGET_S ?? 35) * 1000;

  const owner = new Client({ connectionString: url });
  await owner.connect();
  await applyMigrations(createPgRunner(owner));

  // The credit ledger under contention (scripts/bench/credits.ts): needs no seed.
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;
  const creditLines = !only || only.test("credits") ? await runCreditBenches() : [];
  if (creditLines.length > 0) console.log(`\n${creditLines.join("\n")}\n`);
  // Stripe webhooks under concurrent delivery (scripts/bench/billing.ts): needs no seed either.
  const billingLines = !only || only.test("billing") ? await runBillingBenches() : [];
  if (billingLines.length > 0) console.log(`\n${billingLines.join("\n")}\n`);
  // The duplicate finder on its own tenant (scripts/bench/duplicates.ts): seeds its own data.
  const duplicateLines = !only || only.test("duplicates") ? await runDuplicateBenches(owner) : [];
  if (duplicateLines.length > 0) console.log(`\n${duplicateLines.join("\n")}\n`);
  if (
    only &&
    (only.test("credits") || only.test("billing") || only.test("duplicates")) &&
    !/list|filter|exact|full|fuzzy|cases/i.test(only.source)
  ) {
    await (await getDatabase()).close();
    await owner.end();
    return;
  }

  console.log(
    `[seed] checking the data set (${BIG.toLocaleString("en")} + 2 × ${SMALL.toLocaleString("en")} citizens)…`,
  );
  const seeded = await seedBench(owner, {
    big: BIG,
    small: SMALL,
    keyring: getKeyring(),
    triggerOff: process.env.BENCH_SEED_TRIGGER === "off",
  });
  if (seeded.report.steps.length === 0)
    console.log(`[seed] already present (${seeded.report.seconds.toFixed(1)} s to check)`);
  else console.log(`[seed] done in ${seeded.report.seconds.toFixed(0)} s:\n  ${seeded.report.steps.join("\n  ")}`);

  const tenantId = seeded.big.id;
  const ctx = { tenantId, userId: seeded.staff[0]! };
  const handle = await getDatabase();
  const base = handle.base;
  // The direct client's session gets the thresholds the app sets per transaction for fuzzy search.
  for (const [k, v] of Object.entries(FUZZY_SETTINGS)) await owner.query(`SET ${k} = ${v}`);

  const citizens = (name: string, raw: Record<string, unknown>): BenchQuery => {
    const query = citizenListQuerySchema.parse(raw);
    const fuzzy = query.mode === "fuzzy" && !!query.q;
    return {
      name,
      sql: citizenPageSql(tenantId, query),
      settings: fuzzy ? FUZZY_SETTINGS : undefined,
      app: async () => ({ rows: (await listCitizens(ctx, query)).items.length }),
    };
  };
  const cases = (name: string, raw: Record<string, unknown>): BenchQuery => {
    const query = caseListQuerySchema.parse(raw);
    return {
      name,
      sql: casePageSql(ctx, query, { timeZone: "UTC" }),
      app: async () => ({ rows: (await listCases(ctx, query, "UTC")).items.length }),
    };
  };
  const firstPage = await listCitizens(ctx, citizenListQuerySchema.parse({}));
  const queries: BenchQuery[] = [
    citizens("list: newest 50", {}),
    citizens("list: by name", { sort: "name" }),
    citizens("list: 2nd page (cursor)", { cursor: firstPage.nextCursor }),
    citizens("filter: tag", { tag: "volunteer" }),
    citizens("filter: city + created range", { city: "Rosedale", createdFrom: "2023-01-01", createdTo: "2023-06-30" }),
    citizens("filter: custom field", { field: "ward=ward-7" }),
    citizens("exact: email (blind index)", { email: benchEmail(4242) }),
    citizens("full text: common word", { q: "appointment" }),
    citizens("full text: name", { q: "jansen" }),
    citizens("fuzzy: name with typos", { q: "jonh smiht", mode: "fuzzy" }),
    cases("cases: open", { status: "open" }),
    cases("cases: overdue", { status: "overdue" }),
  ];

  const results: Result[] = [];
  const t0 = performance.now();
  console.log(
    `\nbench: ${RUNS} runs after ${WARMUP} warm-up per query, round-robin over 4 variants; times in ms (median / p95)`,
  );
  for (const q of queries) {
    if (only && !only.test(q.name)) continue;
    const text = q.sql.text;
    const values = q.sql.values;
    const settings = q.settings;
    const batch = () =>
      base.$transaction([
        base.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`,
        ...Object.entries(settings ?? {}).map(([k, v]) => base.$executeRaw`SELECT set_config(${k}, ${v}, true)`),
        base.$queryRaw(q.sql),
      ]);
    // Same answer on every path (checked once; a failing path is reported by the measurement).
    const direct = await owner.query(text, values);
    const expected = Math.min(direct.rowCount ?? 0, 50);
    const app = await q.app().catch(() => null);
    const read = await tenantQuery(tenantId, q.sql, { settings }).catch(() => null);
    if ((app && app.rows !== expected) || (read && Math.min(read.length, 50) !== expected))
      console.warn(
        `  ! ${q.name}: row counts differ (direct ${expected}, app ${app?.rows}, tenantQuery ${read?.length})`,
      );
    const m = await measureVariants(
      {
        direct: () => owner.query(text, values),
        app: q.app,
        read: () => tenantQuery(tenantId, q.sql, { settings }),
        batch,
      },
      { warmup: WARMUP, runs: RUNS, budgetMs: BUDGET_MS },
    );
    const r: Result = { name: q.name, rows: expected, direct: m.direct!, app: m.app!, read: m.read!, batch: m.batch! };
    results.push(r);
    console.log(
      `  ${q.name.padEnd(30)} direct ${fmt(r.direct).padEnd(17)} app ${fmt(r.app).padEnd(17)} ${fmtRatio(r.app, r.direct)} ${passes(r.app, r.direct) ? "pass" : "MISS"}` +
        `   tenantQuery ${fmt(r.read).padEnd(17)} ${fmtRatio(r.read, r.direct)}   batch ${fmt(r.batch)} ${fmtRatio(r.batch, r.direct)}${r.direct.n < RUNS ? `  (n=${r.direct.n})` : ""}`,
    );
    for (const [variant, st] of Object.entries({
      direct: r.direct,
      app: r.app,
      tenantQuery: r.read,
      "Prisma batch": r.batch,
    }))
      if (st.error) console.log(`    ${variant} failed: ${st.error}`);
  }
  const benchSeconds = (performance.now() - t0) / 1000;

  const failures = results.flatMap((r) =>
    Object.entries({ direct: r.direct, app: r.app, tenantQuery: r.read, "Prisma batch": r.batch })
      .filter(([, st]) => st.error)
      .map(([v, st]) => `- ${r.name}, ${v}: ${st.error}`),
  );
  const table = renderTable(results, RUNS) + (failures.length > 0 ? `\n\nFailures:\n${failures.join("\n")}` : "");
  console.log(`\n${table}\n`);

  const misses = results.filter((r) => !passes(r.app, r.direct) || !passes(r.read, r.direct));
  const plans: string[] = [];
  for (const r of misses) {
    const q = queries.find((x) => x.name === r.name)!;
    const asOwner = planSummary(await explain(owner, q.sql.text, q.sql.values, null));
    const asApp = planSummary(
      await explain(owner, q.sql.text, q.sql.values, {
        appRole: config.DATABASE_APP_ROLE,
        tenantId,
        settings: q.settings,
      }),
    );
    plans.push(
      `### ${r.name}\n\nas the owner (direct path, no RLS):\n\n    ${asOwner.join("\n    ")}\n\nas ${config.DATABASE_APP_ROLE} with app.tenant_id set (app path, RLS):\n\n    ${asApp.join("\n    ")}\n`,
    );
  }
  if (plans.length > 0) console.log(`Plans of the queries that miss a target:\n\n${plans.join("\n")}`);

  const { rows: pg } = await owner.query<{ v: string; sb: string }>(
    "SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb",
  );
  const machine = `${cpus().length} CPU cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, PostgreSQL ${pg[0]!.v} (shared_buffers ${pg[0]!.sb}, otherwise default settings), Node ${process.version}, same machine (TCP over localhost)`;
  console.log(`${machine}\nmeasuring took ${benchSeconds.toFixed(0)} s`);
  if (process.env.BENCH_MARKDOWN) {
    const seedLine =
      seeded.report.steps.length > 0
        ? `Seed (this run): ${seeded.report.seconds.toFixed(0)} s — ${seeded.report.steps.join("; ")}.`
        : "Seed: already present.";
    writeFileSync(
      process.env.BENCH_MARKDOWN,
      `Run of ${new Date().toISOString()} — ${machine}.\n${seedLine}\nMeasuring: ${benchSeconds.toFixed(0)} s.\n\n${table}\n\n${plans.join("\n")}` +
        (ai.length > 0
          ? `\n\nAI streaming (no database):\n\n${ai.flatMap((r) => r.lines.map((l) => `- ${l}`)).join("\n")}\n`
          : "") +
        (duplicateLines.length > 0
          ? `\n\nDuplicates:\n\n${duplicateLines.map((l) => `- ${l.trim()}`).join("\n")}\n`
          : "") +
        (creditLines.length > 0 ? `\n\nCredits:\n\n${creditLines.map((l) => `- ${l.trim()}`).join("\n")}\n` : ""),
    );
  }

  await closeTenantReadPool();
  await handle.close();
  await owner.end();
}

function renderTable(results: Result[], runs: number): string {
  const head =
    "| query | rows | direct median / p95 | app median / p95 | app ÷ direct | pass | tenantQuery median / p95 | ÷ direct | pass | Prisma batch median / p95 | ÷ direct |";
  const sep = "|---|---:|---:|---:|---:|:---:|---:|---:|:---:|---:|---:|";
  const lines = results.map((r) =>
    [
      r.name + (r.direct.n < runs ? ` (n=${r.direct.n})` : ""),
      r.rows,
      fmt(r.direct),
      fmt(r.app),
      fmtRatio(r.app, r.direct),
      passes(r.app, r.direct) ? "✅" : "❌",
      fmt(r.read),
      fmtRatio(r.read, r.direct),
      passes(r.read, r.direct) ? "✅" : "❌",
      fmt(r.batch),
      fmtRatio(r.batch, r.direct),
    ].join(" | "),
  );
  return [head, sep, ...lines.map((l) => `| ${l} |`)].join("\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
