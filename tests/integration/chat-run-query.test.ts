// lib/chat/run-chat-query.ts end to end against the database: the hostile corpus (none runs),
// the legitimate corpus (each returns the rows a second path computes), the server's row cap,
// the statement timeout, and another tenant's ids (nothing found).
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { CHAT_ROW_CAP, runChatQuery, toChatRows } from "@/lib/chat/run-chat-query";
import { getDatabase, getDb } from "@/lib/db";
import type { CasePriority, CaseStatus } from "@/lib/generated/prisma/client";
import { HOSTILE_SQL, otherTenantProbes } from "../support/chat-sql-corpus/hostile";
import { LEGIT_SQL } from "../support/chat-sql-corpus/legit";

const onPglite = !process.env.DATABASE_URL;
const STATUSES: CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"];
const PRIORITIES: CasePriority[] = ["LOW", "NORMAL", "HIGH", "URGENT"];
const CATEGORIES = ["Roads", "Housing", "Waste", "Parks", null];
const CITIES = ["Gent", "Brugge", "Antwerpen", "Leuven"];
const DAY = 86_400_000;

type Seeded = { tenantId: string; caseIds: string[]; citizenIds: string[] };
let a: Seeded;
let b: Seeded;

/** Tenant A: 12 citizens, 40 cases over every status/priority/category, 54 events, fixed dates. */
async function seedA(): Promise<Seeded> {
  const db = await getDb();
  const tenant = await db.tenant.create({ data: { slug: `chatq-a-${randomUUID().slice(0, 8)}`, name: "A" } });
  const users = await Promise.all(
    [1, 2].map((i) => db.user.create({ data: { email: `chatq-${i}-${randomUUID().slice(0, 8)}@t.test`, name: "U" } })),
  );
  const out: Seeded = { tenantId: tenant.id, caseIds: [], citizenIds: [] };
  await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(
    async (tx) => {
      for (let i = 0; i < 12; i++) {
        const c = await tx.citizen.create({
          data: {
            tenantId: tenant.id,
            firstName: "Private",
            lastName: `Person ${i}`,
            city: CITIES[i % 4]!,
            country: i < 2 ? "NL" : "BE",
            preferredLanguage: ["nl", "fr", "en"][i % 3]!,
            createdAt: new Date(Date.UTC(2026, 0, 5) + i * 7 * DAY),
          },
        });
        out.citizenIds.push(c.id);
      }
      for (let i = 0; i < 40; i++) {
        const status = STATUSES[(i * 3) % 5]!;
        const createdAt = new Date(Date.UTC(2026, 0, 1, 9) + i * 3 * DAY + (i % 7) * 3_600_000);
        const k = await tx.case.create({
          data: {
            tenantId: tenant.id,
            citizenId: out.citizenIds[i % 11]!, // the twelfth citizen has no case
            title: `Private title ${i}`,
            category: CATEGORIES[i % 5],
            status,
            priority: PRIORITIES[i % 4]!,
            assigneeId: i % 3 === 0 ? null : users[i % 2]!.id,
            dueAt: i % 2 === 0 ? new Date(createdAt.getTime() + 14 * DAY) : null,
            resolvedAt:
              status === "RESOLVED" || status === "CLOSED"
                ? new Date(createdAt.getTime() + ((i % 5) + 1) * 4 * DAY)
                : null,
            createdAt,
          },
        });
        out.caseIds.push(k.id);
        await tx.caseEvent.create({ data: { tenantId: tenant.id, caseId: k.id, kind: "CREATED", createdAt } });
        if (i % 3 === 0) {
          await tx.caseEvent.create({
            data: {
              tenantId: tenant.id,
              caseId: k.id,
              kind: "STATUS_CHANGED",
              fromStatus: "OPEN",
              toStatus: status,
              createdAt: new Date(createdAt.getTime() + DAY),
            },
          });
        }
      }
    },
    { timeout: 60_000 },
  );
  return out;
}

/** Tenant B: open Roads cases and its own category, so any leak changes A's answers. */
async function seedB(): Promise<Seeded> {
  const db = await getDb();
  const tenant = await db.tenant.create({ data: { slug: `chatq-b-${randomUUID().slice(0, 8)}`, name: "B" } });
  const out: Seeded = { tenantId: tenant.id, caseIds: [], citizenIds: [] };
  await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(async (tx) => {
    const c = await tx.citizen.create({
      data: { tenantId: tenant.id, firstName: "B", lastName: "B", city: "Gent", country: "BE" },
    });
    out.citizenIds.push(c.id);
    for (let i = 0; i < 10; i++) {
      const k = await tx.case.create({
        data: { tenantId: tenant.id, citizenId: c.id, title: "B", category: i % 2 ? "Roads" : "only-in-b" },
      });
      out.caseIds.push(k.id);
      await tx.caseEvent.create({ data: { tenantId: tenant.id, caseId: k.id, kind: "CREATED" } });
    }
  });
  return out;
}

/** The second path: the same SQL as the app role over temporary copies of the views that filter tenant_id explicitly. */
async function oracle(tenantId: string, sql: string) {
  const db = await getDb();
  const t = `'${tenantId}'::uuid`;
  return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    await tx.$executeRawUnsafe(
      `CREATE TEMP VIEW cases AS SELECT id, citizen_id, status::text AS status, priority::text AS priority, category, assignee_id, due_at, resolved_at, created_at, updated_at FROM public.cases WHERE tenant_id = ${t}`,
    );
    await tx.$executeRawUnsafe(
      `CREATE TEMP VIEW citizens AS SELECT id, city, country, preferred_language, created_at, updated_at FROM public.citizens WHERE tenant_id = ${t} AND deleted_at IS NULL`,
    );
    await tx.$executeRawUnsafe(
      `CREATE TEMP VIEW case_events AS SELECT id, case_id, kind::text AS kind, from_status::text AS from_status, to_status::text AS to_status, author_id, created_at FROM public.case_events WHERE tenant_id = ${t}`,
    );
    await tx.$executeRawUnsafe("SET LOCAL TimeZone = 'UTC'");
    const rows = await tx.$queryRawUnsafe<{ r: string }[]>(
      `SELECT row_to_json(oracle_result.*)::text AS r FROM (\n${sql.replace(/\bchat\./g, "")}\n) AS oracle_result`,
    );
    await tx.$executeRawUnsafe("DROP VIEW pg_temp.cases, pg_temp.citizens, pg_temp.case_events");
    return toChatRows(rows.map((row) => JSON.parse(row.r) as Record<string, unknown>));
  });
}

const sortedRows = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

async function tenantCounts(tenantId: string) {
  const t = (await getDb()).forTenant({ tenantId });
  return { citizens: await t.citizen.count(), cases: await t.case.count(), events: await t.caseEvent.count() };
}

beforeAll(async () => {
  a = await seedA();
  b = await seedB();
}, 120_000);
afterAll(async () => {
  await (await getDatabase()).close();
});

describe("the hostile corpus", () => {
  it("has at least 300 statements", () => {
    expect(HOSTILE_SQL.length).toBeGreaterThanOrEqual(300);
  });

  it("none of them runs, and the tenant's data is unchanged afterwards", async () => {
    const before = await tenantCounts(a.tenantId);
    const ran: string[] = [];
    const notRefused: string[] = [];
    for (const { sql, db } of HOSTILE_SQL) {
      const result = await runChatQuery(a.tenantId, sql);
      if (result.ok) ran.push(sql);
      else if (!db && result.kind !== "refused") notRefused.push(`${result.kind}: ${sql}`);
      else if (db) expect(result.reason).toMatch(/does not exist/);
    }
    expect(ran).toEqual([]);
    expect(notRefused).toEqual([]);
    expect(await tenantCounts(a.tenantId)).toEqual(before);
  }, 120_000);

  it("another tenant's ids find nothing", async () => {
    for (const sql of otherTenantProbes({ caseId: b.caseIds[0]!, citizenId: b.citizenIds[0]!, tenantId: b.tenantId })) {
      const result = await runChatQuery(a.tenantId, sql);
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) continue;
      const n = result.columns.indexOf("n");
      expect(n >= 0 ? result.rows : result.rows.length).toEqual(n >= 0 ? [[0]] : 0);
    }
  });
});

describe("the legitimate corpus", () => {
  it("has at least 60 statements", () => {
    expect(LEGIT_SQL.length).toBeGreaterThanOrEqual(60);
  });

  it.each(LEGIT_SQL.map((sql) => [sql]))("%s", async (sql) => {
    const result = await runChatQuery(a.tenantId, sql);
    if (!result.ok) throw new Error(`${result.kind}: ${result.reason}`);
    const expected = await oracle(a.tenantId, sql);
    expect(result.columns).toEqual(expected.columns);
    expect(sortedRows(result.rows)).toEqual(sortedRows(expected.rows));
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.truncated).toBe(false);
  });

  it("answers with tenant A's numbers (checked by hand, not only against the second path)", async () => {
    const total = await runChatQuery(a.tenantId, "SELECT count(*) AS n FROM cases");
    expect(total).toMatchObject({ ok: true, columns: ["n"], rows: [[40]] });
    const perCategory = await runChatQuery(
      a.tenantId,
      "SELECT category, count(*) AS n FROM cases GROUP BY category ORDER BY category NULLS LAST",
    );
    expect(perCategory).toMatchObject({
      ok: true,
      rows: [
        ["Housing", 8],
        ["Parks", 8],
        ["Roads", 8],
        ["Waste", 8],
        [null, 8],
      ],
    });
    const open = await runChatQuery(a.tenantId, "SELECT count(*) AS n FROM cases WHERE status = 'OPEN'");
    expect(open).toMatchObject({ ok: true, rows: [[8]] });
    const noCase = await runChatQuery(
      a.tenantId,
      "SELECT count(*) AS n FROM citizens z LEFT JOIN cases k ON k.citizen_id = z.id WHERE k.id IS NULL",
    );
    expect(noCase).toMatchObject({ ok: true, rows: [[1]] });
    const dates = await runChatQuery(a.tenantId, "SELECT min(created_at) AS first FROM cases");
    expect(dates).toMatchObject({ ok: true, rows: [["2026-01-01T09:00:00+00:00"]] });
  });
});

describe("limits the server enforces", () => {
  it("caps the rows at 100 whatever LIMIT the SQL says", async () => {
    for (const sql of ["SELECT x.id FROM cases x, cases y", "SELECT x.id FROM cases x, cases y LIMIT 1000"]) {
      const result = await runChatQuery(a.tenantId, sql);
      expect(result).toMatchObject({ ok: true, rowCount: CHAT_ROW_CAP, truncated: true });
    }
    const exact = await runChatQuery(a.tenantId, "SELECT x.id FROM cases x, cases y LIMIT 100");
    expect(exact).toMatchObject({ ok: true, rowCount: 100, truncated: false });
  });

  it("a trailing comment cannot swallow the wrapper's closing parenthesis", async () => {
    const result = await runChatQuery(a.tenantId, "SELECT x.id FROM cases x, cases y -- ) AS q");
    expect(result).toMatchObject({ ok: true, rowCount: CHAT_ROW_CAP, truncated: true });
  });

  // PGlite runs queries on the test's own thread, so nothing can interrupt a running statement
  // there: statement_timeout is never delivered. On PostgreSQL the server cancels it at 2 s.
  (onPglite ? it.skip : it)(
    "cancels a statement that runs past 2 s",
    async () => {
      const started = Date.now();
      const result = await runChatQuery(
        a.tenantId,
        "SELECT count(*) FROM case_events a, case_events b, case_events c, case_events d, case_events e",
      );
      expect(result).toMatchObject({ ok: false, kind: "timeout" });
      expect(Date.now() - started).toBeLessThan(4_500);
    },
    15_000,
  );

  it("a statement PostgreSQL rejects comes back as a reason, not an exception", async () => {
    const result = await runChatQuery(a.tenantId, "SELECT count(*) / 0 AS n FROM cases");
    expect(result).toMatchObject({ ok: false, kind: "failed" });
    if (!result.ok) expect(result.reason).toMatch(/division by zero/);
  });

  it("the connection is back to the app role after a chat query", async () => {
    await runChatQuery(a.tenantId, "SELECT count(*) FROM cases");
    const db = await getDb();
    const rows = await db
      .forTenant({ tenantId: a.tenantId })
      .$tenantTransaction((tx) =>
        tx.$queryRawUnsafe<{ who: string; ro: string }[]>(
          "SELECT current_user::text AS who, current_setting('transaction_read_only') AS ro",
        ),
      );
    expect(rows[0]).toEqual({ who: "civitas_app", ro: "off" });
  });
});
