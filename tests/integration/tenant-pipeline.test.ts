// lib/db/tenant-pipeline.ts against the real database (PostgreSQL: the pooled, pipelined path;
// PGlite: the $tenantTransaction fallback): what finish() commits is kept, anything that fails
// or returns without finish() keeps nothing, RLS still walls the tenant in, and the settings
// the caller asked for are in force.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { tenantPipeline } from "@/lib/db/tenant-pipeline";
import { TenantScopeError } from "@/lib/db/tenant-scope";
import { Prisma } from "@/lib/generated/prisma/client";

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function tenant() {
  const db = await getDb();
  const slug = `tp-${randomUUID().slice(0, 10)}`;
  return (await db.tenant.create({ data: { slug, name: "Pipeline Org" } })).id;
}

// A closed reservation row: written straight, without its ledger entries, so it must never look
// open (the stale-reservation sweep, which runs over every tenant, would refund it).
const insertHold = (tenantId: string, id: string) => Prisma.sql`
  INSERT INTO credit_reservations (tenant_id, id, feature, model, credits, status, closed_at)
  VALUES (${tenantId}::uuid, ${id}::uuid, 'chat', 'm', 5, 'released', now()) RETURNING id::text`;

async function holds(tenantId: string): Promise<string[]> {
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM credit_reservations ORDER BY id`;
    return rows.map((r) => r.id);
  });
}

test("statements before finish() and the final one commit together", async () => {
  const t = await tenant();
  const [a, b] = [randomUUID(), randomUUID()];
  const out = await tenantPipeline(t, async (tx) => {
    const [first] = await tx.query<{ id: string }>(insertHold(t, a));
    const [second] = await tx.finish<{ id: string }>(insertHold(t, b));
    return [first!.id, second!.id];
  });
  expect(out).toEqual([a, b]);
  expect(await holds(t)).toEqual([a, b].sort());
});

test("concurrent query() calls are answered in order, each with its own rows", async () => {
  const t = await tenant();
  const out = await tenantPipeline(t, async (tx) => {
    const rows = await Promise.all([1, 2, 3].map((n) => tx.query<{ n: number }>(Prisma.sql`SELECT ${n}::int AS n`)));
    await tx.finish(Prisma.sql`SELECT 1`);
    return rows.map((r) => r[0]!.n);
  });
  expect(out).toEqual([1, 2, 3]);
});

test("finishThenRead: the read runs after the commit and sees it", async () => {
  const t = await tenant();
  const id = randomUUID();
  const [written, read] = await tenantPipeline(t, (tx) =>
    tx.finishThenRead<{ id: string }, { n: number }>(
      insertHold(t, id),
      Prisma.sql`SELECT count(*)::int AS n FROM credit_reservations`,
    ),
  );
  expect(written[0]!.id).toBe(id);
  expect(read[0]!.n).toBe(1);
  expect(await holds(t)).toEqual([id]);
});

test("returning without finish() keeps nothing", async () => {
  const t = await tenant();
  await tenantPipeline(t, async (tx) => {
    await tx.query(insertHold(t, randomUUID()));
  });
  expect(await holds(t)).toEqual([]);
});

test("an error thrown by the caller between statements keeps nothing", async () => {
  const t = await tenant();
  await expect(
    tenantPipeline(t, async (tx) => {
      await tx.query(insertHold(t, randomUUID()));
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");
  expect(await holds(t)).toEqual([]);
});

test("a failing final statement rolls back the earlier ones, and the pool keeps working", async () => {
  const t = await tenant();
  const id = randomUUID();
  await tenantPipeline(t, (tx) => tx.finish(insertHold(t, id)));
  await expect(
    tenantPipeline(t, async (tx) => {
      await tx.query(insertHold(t, randomUUID()));
      await tx.finish(insertHold(t, id)); // the same primary key again
    }),
  ).rejects.toThrow();
  expect(await holds(t)).toEqual([id]);
  // Later transactions on the same pool are unaffected by the broken one.
  for (let i = 0; i < 12; i++) await tenantPipeline(t, (tx) => tx.finish(Prisma.sql`SELECT 1`));
  expect(await holds(t)).toEqual([id]);
});

test("a failing statement before finish() keeps nothing", async () => {
  const t = await tenant();
  await expect(
    tenantPipeline(t, async (tx) => {
      await tx.query(insertHold(t, randomUUID()));
      await tx.query(Prisma.sql`SELECT 1 / 0`);
      await tx.finish(insertHold(t, randomUUID()));
    }),
  ).rejects.toThrow();
  expect(await holds(t)).toEqual([]);
});

test("nothing can run after finish()", async () => {
  const t = await tenant();
  await expect(
    tenantPipeline(t, async (tx) => {
      await tx.finish(Prisma.sql`SELECT 1`);
      await tx.query(Prisma.sql`SELECT 2`);
    }),
  ).rejects.toThrow("the transaction is over");
});

test("row-level security: the tenant set is the only one visible or writable", async () => {
  const [a, b] = [await tenant(), await tenant()];
  const mine = randomUUID();
  await tenantPipeline(b, (tx) => tx.finish(insertHold(b, mine)));
  const seen = await tenantPipeline(a, (tx) =>
    tx.finish<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM credit_reservations`),
  );
  expect(seen[0]!.n).toBe(0);
  // Writing tenant B's row while tenant A is set is refused by the policy.
  await expect(tenantPipeline(a, (tx) => tx.finish(insertHold(b, randomUUID())))).rejects.toThrow();
  expect(await holds(b)).toEqual([mine]);
});

test("asyncCommit is transaction-local; without it the server's setting holds", async () => {
  const t = await tenant();
  const setting = Prisma.sql`SELECT current_setting('synchronous_commit') AS v`;
  const on = await tenantPipeline(t, (tx) => tx.finish<{ v: string }>(setting), { asyncCommit: true });
  const off = await tenantPipeline(t, (tx) => tx.finish<{ v: string }>(setting));
  expect(on[0]!.v).toBe("off");
  expect(off[0]!.v).not.toBe("off");
});

test("a malformed tenant id is refused before any SQL", async () => {
  await expect(tenantPipeline("nope", (tx) => tx.finish(Prisma.sql`SELECT 1`))).rejects.toBeInstanceOf(
    TenantScopeError,
  );
});
