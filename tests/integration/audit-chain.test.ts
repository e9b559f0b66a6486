// The audit log's guarantees: events chain per tenant (seq, prev_hash, hash computed by the
// database), the runtime role can only append, a tampered row makes verification fail and
// name the row, and each tenant's chain is its own.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { maskEmail, redact, REDACTED } from "@/lib/audit/redact";
import { verifyAuditChain } from "@/lib/audit/verify";
import { runWithLogContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import type { MigrationRunner } from "@/lib/db/migrations/runner";
import { inRequestContext } from "../support/request-context";
import { ownerSqlFor } from "../support/test-db";

let owner: { withOwnerSql: <T>(fn: (sql: MigrationRunner) => Promise<T>) => Promise<T> };

async function newTenant(): Promise<string> {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `audit-${randomUUID().slice(0, 12)}`, name: "Audit probe" } });
  return t.id;
}

async function append(tenantId: string, count: number, action = "probe.event"): Promise<void> {
  const db = await getDb();
  for (let i = 0; i < count; i++) {
    await db
      .forTenant({ tenantId })
      .$tenantTransaction((tx) => inRequestContext({}, () => recordAudit(tx, { tenantId, action, data: { i } })));
  }
}

type Ev = {
  id: string;
  seq: bigint;
  prev_hash: string | null;
  hash: string;
  action: string;
  data: unknown;
  request_id: string | null;
  ip: string | null;
  actor_type: string;
};
async function events(tenantId: string): Promise<Ev[]> {
  const db = await getDb();
  return db
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Ev[]
        >`SELECT id, seq, prev_hash, hash, action, data, request_id, ip, actor_type FROM audit_events WHERE tenant_id = ${tenantId}::uuid ORDER BY seq`,
    );
}

beforeAll(async () => {
  await getDb();
  // The owner connection (bypasses grants and RLS) plays the attacker with database access.
  owner = { withOwnerSql: ownerSqlFor(await getDatabase()) };
});

afterAll(async () => {
  await (await getDatabase()).close();
});

test("events chain: seq counts up from 1, each links to the previous hash, and the chain verifies", async () => {
  const tenantId = await newTenant();
  await append(tenantId, 5);
  const rows = await events(tenantId);
  expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
  expect(rows[0]!.prev_hash).toBeNull();
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
  expect(await verifyAuditChain(await getDb(), tenantId)).toEqual({ ok: true, checked: 5 });
});

test("each tenant has its own chain; concurrent appends stay a gapless sequence", async () => {
  const [a, b] = [await newTenant(), await newTenant()];
  await Promise.all([append(a, 10), append(b, 10), append(a, 10)]);
  expect((await events(a)).map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect((await events(b)).map((r) => Number(r.seq))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  expect(await verifyAuditChain(await getDb(), a)).toEqual({ ok: true, checked: 20 });
});

test("the runtime role cannot UPDATE, DELETE or TRUNCATE audit rows, nor reach a partition directly", async () => {
  const tenantId = await newTenant();
  await append(tenantId, 1);
  const db = await getDb();
  const inTenant = <T>(
    fn: (tx: Parameters<Parameters<ReturnType<typeof db.forTenant>["$tenantTransaction"]>[0]>[0]) => Promise<T>,
  ) => db.forTenant({ tenantId }).$tenantTransaction(fn);
  await expect(
    inTenant((tx) => tx.$executeRaw`UPDATE audit_events SET action = 'forged' WHERE tenant_id = ${tenantId}::uuid`),
  ).rejects.toThrow(/permission denied/);
  await expect(
    inTenant((tx) => tx.$executeRaw`DELETE FROM audit_events WHERE tenant_id = ${tenantId}::uuid`),
  ).rejects.toThrow(/permission denied/);
  await expect(inTenant((tx) => tx.$executeRawUnsafe(`TRUNCATE audit_events`))).rejects.toThrow(
    /permission denied|must be owner/,
  );
  await expect(
    inTenant((tx) => tx.$executeRawUnsafe(`UPDATE audit_events_default SET action = 'forged'`)),
  ).rejects.toThrow(/permission denied/);
  await expect(inTenant((tx) => tx.auditEvent.updateMany({ where: {}, data: { action: "forged" } }))).rejects.toThrow();
  expect((await events(tenantId))[0]!.action).toBe("probe.event");
});

test("a tampered row makes verification fail and name that row", async () => {
  const tenantId = await newTenant();
  await append(tenantId, 6);
  const rows = await events(tenantId);
  const victim = rows[3]!;
  await owner.withOwnerSql((sql) =>
    sql.query(`UPDATE audit_events SET data = '{"i": 999}' WHERE id = $1`, [victim.id]),
  );
  const result = await verifyAuditChain(await getDb(), tenantId);
  expect(result).toMatchObject({
    ok: false,
    checked: 3,
    brokenAt: { id: victim.id, seq: "4", reason: "hash_mismatch" },
  });
});

test("a deleted row breaks the sequence; a re-hashed forgery still breaks the link to the next row", async () => {
  const tenantId = await newTenant();
  await append(tenantId, 5);
  const rows = await events(tenantId);
  await owner.withOwnerSql((sql) => sql.query(`DELETE FROM audit_events WHERE id = $1`, [rows[1]!.id]));
  expect(await verifyAuditChain(await getDb(), tenantId)).toMatchObject({
    ok: false,
    brokenAt: { id: rows[2]!.id, reason: "sequence_gap" },
  });

  const other = await newTenant();
  await append(other, 4);
  const o = await events(other);
  // A forger who recomputes the row's own hash still cannot fix the next row's prev_hash link.
  await owner.withOwnerSql((sql) =>
    sql
      .query(`UPDATE audit_events SET action = 'forged' WHERE id = $1`, [o[1]!.id])
      .then(() => sql.query(`UPDATE audit_events e SET hash = audit_event_digest(e) WHERE id = $1`, [o[1]!.id])),
  );
  expect(await verifyAuditChain(await getDb(), other)).toMatchObject({
    ok: false,
    brokenAt: { id: o[2]!.id, reason: "broken_link" },
  });
});

test("request facts come from the request context; PII in data is redacted", async () => {
  const tenantId = await newTenant();
  const db = await getDb();
  await runWithLogContext({ requestId: "req-audit-12345", ip: "198.51.100.4", userAgent: "probe" }, () =>
    db.forTenant({ tenantId }).$tenantTransaction((tx) =>
      recordAudit(tx, {
        tenantId,
        action: "citizen.updated",
        data: { before: { email: "jane@example.org", nationalId: "123", city: "Gent" }, after: { phone: "+32 1" } },
      }),
    ),
  );
  const [row] = await events(tenantId);
  expect(row).toMatchObject({ request_id: "req-audit-12345", ip: "198.51.100.4", actor_type: "anonymous" });
  expect(row!.data).toEqual({
    before: { email: "j…@example.org", nationalId: REDACTED, city: "Gent" },
    after: { phone: REDACTED },
  });
});

test("inside a user's request, the event's actor and request id are the context's", async () => {
  const tenantId = await newTenant();
  const db = await getDb();
  const user = await db.user.create({ data: { email: `ctx-${randomUUID()}@example.org`, name: "Ctx" } });
  await inRequestContext({ userId: user.id, tenantId, requestId: "req-ctx-actor", ip: "198.51.100.9" }, () =>
    db.forTenant({ tenantId }).$tenantTransaction((tx) => recordAudit(tx, { tenantId, action: "probe.context" })),
  );
  const db2 = db.forTenant({ tenantId });
  const [row] = await db2.$tenantTransaction(
    (tx) =>
      tx.$queryRaw<
        { actor_id: string | null; actor_type: string; request_id: string | null; ip: string | null }[]
      >`SELECT actor_id::text, actor_type, request_id, ip FROM audit_events WHERE tenant_id = ${tenantId}::uuid`,
  );
  expect(row).toEqual({ actor_id: user.id, actor_type: "user", request_id: "req-ctx-actor", ip: "198.51.100.9" });
});

test("platform events (no tenant) are invisible to tenants and readable only with the platform flag", async () => {
  const db = await getDb();
  const marker = `platform.${randomUUID()}`;
  await inRequestContext({}, () => recordAudit(db, { action: marker }));
  const tenantId = await newTenant();
  const asTenant = await db
    .forTenant({ tenantId })
    .$tenantTransaction((tx) => tx.$queryRaw<unknown[]>`SELECT id FROM audit_events WHERE action = ${marker}`);
  expect(asTenant).toHaveLength(0);
  const asPlatform = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<unknown[]>`SELECT id FROM audit_events WHERE action = ${marker}`;
  });
  expect(asPlatform).toHaveLength(1);
});

test("a tenant cannot write into another tenant's chain", async () => {
  const [a, b] = [await newTenant(), await newTenant()];
  const db = await getDb();
  await expect(
    db.forTenant({ tenantId: a }).$tenantTransaction((tx) => recordAudit(tx, { tenantId: b, action: "sneaky" })),
  ).rejects.toThrow(/row-level security/);
});

test("redaction and masking are pure and thorough", () => {
  expect(maskEmail("someone@example.org")).toBe("s…@example.org");
  expect(maskEmail("broken")).toBe(REDACTED);
  expect(redact({ list: [{ password: "x", passwordHash: "y", token: "t" }], when: new Date(0), n: 1n })).toEqual({
    list: [{ password: REDACTED, passwordHash: REDACTED, token: REDACTED }],
    when: "1970-01-01T00:00:00.000Z",
    n: "1",
  });
  expect(redact({ email: null, date_of_birth: "2000-01-01" })).toEqual({ email: null, date_of_birth: REDACTED });
});
