// `npm run bench`: what the two walls of tenant isolation cost. Seeds one tenant with N
// citizens (plus a second tenant of the same size) and measures, in the same run:
//   baseline  the same SQL through node-postgres directly (one round trip, no RLS context)
//   prisma    the same Prisma call on the plain client as the owner (no walls): Prisma's own cost
//   app path  db.forTenant(ctx).citizen.findMany/count (extension + transaction + RLS)
// Reports median and p95 per query and the ratio app/baseline. Needs DATABASE_URL (a
// scratch database: the bench creates tables' rows and leaves them for re-runs).
import { Client } from "pg";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { connectPostgres } from "../../lib/db/connect";
import { applyMigrations } from "../../lib/db/migrations/apply-migrations";
import { createPgRunner } from "../../lib/db/migrations/pg-runner";

const N = Number(process.env.BENCH_CITIZENS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn(); // warm-up: plans, pools, JIT
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function ensureTenant(owner: Client, slug: string): Promise<string> {
  const existing = await owner.query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug]);
  if (existing.rows[0]) return existing.rows[0].id;
  const { rows } = await owner.query<{ id: string }>(
    "INSERT INTO tenants (id, slug, name, updated_at) VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id",
    [slug],
  );
  const id = rows[0]!.id;
  // Bulk rows via SQL as the owner: seeding speed is not what is measured.
  await owner.query(
    `INSERT INTO citizens (id, tenant_id, first_name, last_name, email, city, updated_at)
     SELECT gen_random_uuid(), $1, 'First' || g, 'Last' || (g % 997), 'c' || g || '@example.org', 'City ' || (g % 13), now() - (g || ' minutes')::interval
     FROM generate_series(1, $2::int) g`,
    [id, N],
  );
  await owner.query("ANALYZE citizens");
  return id;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("npm run bench needs DATABASE_URL (a scratch PostgreSQL database), e.g. postgresql://postgres@127.0.0.1:5432/civitas_bench");
    process.exit(2);
  }
  const owner = new Client({ connectionString: url });
  await owner.connect();
  await applyMigrations(createPgRunner(owner));
  const tenantA = await ensureTenant(owner, `bench-a-${N}`);
  await ensureTenant(owner, `bench-b-${N}`);

  const app = connectPostgres({ DATABASE_URL: url, DATABASE_APP_ROLE: "civitas_app", DATABASE_POOL_SIZE: 4, PGLITE_DATA_DIR: "unused" });
  const scoped = app.db.forTenant({ tenantId: tenantA });
  // The owner bypasses RLS and this client has no extension: Prisma alone, for comparison.
  const plainClient = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  const plain = plainClient;

  const queries: Array<{ name: string; sql: string; params: unknown[]; app: () => Promise<unknown>; plain: () => Promise<unknown> }> = [
    {
      name: "list: newest 50",
      sql: "SELECT * FROM citizens WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 50",
      params: [tenantA],
      app: () => scoped.citizen.findMany({ orderBy: { createdAt: "desc" }, take: 50 }),
      plain: () => plain.citizen.findMany({ where: { tenantId: tenantA }, orderBy: { createdAt: "desc" }, take: 50 }),
    },
    {
      name: "filter: last name, sorted",
      sql: "SELECT * FROM citizens WHERE tenant_id = $1 AND last_name = $2 ORDER BY last_name, first_name LIMIT 50",
      params: [tenantA, "Last42"],
      app: () => scoped.citizen.findMany({ where: { lastName: "Last42" }, orderBy: [{ lastName: "asc" }, { firstName: "asc" }], take: 50 }),
      plain: () => plain.citizen.findMany({ where: { tenantId: tenantA, lastName: "Last42" }, orderBy: [{ lastName: "asc" }, { firstName: "asc" }], take: 50 }),
    },
    {
      name: "by id",
      sql: "SELECT * FROM citizens WHERE tenant_id = $1 AND id = (SELECT id FROM citizens WHERE tenant_id = $1 LIMIT 1)",
      params: [tenantA],
      app: () => scoped.citizen.findFirst({ where: {} }),
      plain: () => plain.citizen.findFirst({ where: { tenantId: tenantA } }),
    },
    {
      name: "count",
      sql: "SELECT count(*) FROM citizens WHERE tenant_id = $1",
      params: [tenantA],
      app: () => scoped.citizen.count(),
      plain: () => plain.citizen.count({ where: { tenantId: tenantA } }),
    },
  ];

  console.log(`bench: ${N} citizens per tenant, 2 tenants, ${RUNS} runs per query (PostgreSQL ${owner.database})`);
  console.log("query".padEnd(28), "direct pg med/p95 ms".padEnd(22), "prisma, no walls".padEnd(22), "app path (2 walls)".padEnd(22), "app/direct  app/prisma");
  for (const q of queries) {
    const direct = stats(await time(() => owner.query(q.sql, q.params)));
    const viaPrisma = stats(await time(q.plain));
    const viaApp = stats(await time(q.app));
    const cell = (x: { median: number; p95: number }) => `${x.median.toFixed(2)} / ${x.p95.toFixed(2)}`.padEnd(22);
    console.log(
      q.name.padEnd(28),
      cell(direct),
      cell(viaPrisma),
      cell(viaApp),
      `${(viaApp.median / direct.median).toFixed(2)}×`.padEnd(11),
      `${(viaApp.median / viaPrisma.median).toFixed(2)}×`,
    );
  }
  await plainClient.$disconnect();
  await app.close();
  await owner.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
