// The audit log viewer's server side: filtered keyset pages (lib/audit/list.ts), the streamed
// CSV export (lib/audit/export.ts), chain verification on demand (lib/audit/verify-action.ts),
// and their route handlers and server action behind the guards. Tenant isolation holds on
// every path: another tenant's events never appear.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { GET as exportRoute } from "@/app/api/tenants/[tenant]/audit/export/route";
import { GET as listRoute } from "@/app/api/tenants/[tenant]/audit/route";
import { verifyChainAction } from "@/app/(dashboard)/[tenant]/audit/actions";
import { AUDIT_CSV_COLUMNS, EXPORT_PAGE_SIZE, streamAuditCsv } from "@/lib/audit/export";
import { listAuditActions, listAuditEvents, type AuditEventRow } from "@/lib/audit/list";
import { recordAudit } from "@/lib/audit/record";
import type { AuditQueryInput } from "@/lib/audit/schemas";
import { verifyAuditChain } from "@/lib/audit/verify";
import { verifyTenantAuditChain } from "@/lib/audit/verify-action";
import { can } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import type { TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { inRequestContext } from "../support/request-context";
import { ownerSqlFor } from "../support/test-db";

// Who the session says is signed in, and the request headers server actions read.
jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-audit-viewer-1" }) }));

type User = { id: string; email: string; name: string };
type Tenant = { id: string; slug: string };

const run = randomUUID().slice(0, 8);
let seq = 0;
const unique = (prefix: string) => `${prefix}-${run}-${++seq}`;

async function newUser(name: string): Promise<User> {
  const db = await getDb();
  return db.user.create({
    data: { email: `${unique("audit-viewer")}@example.org`, name },
    select: { id: true, email: true, name: true },
  });
}

async function newTenant(members: Array<[User, Role]> = []): Promise<Tenant> {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: unique("audit-viewer"), name: "Audit viewer probe" } });
  for (const [user, role] of members)
    await db.forTenant({ tenantId: t.id }).membership.create({ data: { tenantId: t.id, userId: user.id, role } });
  return { id: t.id, slug: t.slug };
}

const ctxFor = (tenant: Tenant, user: User, role: Role = "OWNER"): TenantContext => ({
  tenantId: tenant.id,
  userId: user.id,
  role,
  requestId: "req-audit-viewer-test",
});

type EventSpec = {
  action: string;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  createdAt?: string;
};

/** Appends events in order; an explicit createdAt needs raw SQL (recordAudit stamps now()). */
async function append(tenantId: string, events: EventSpec[]): Promise<void> {
  const db = await getDb();
  await db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    for (const e of events) {
      if (!e.createdAt) {
        // The actor is the request context's, as under a guard.
        await inRequestContext({ userId: e.actorId ?? undefined }, () =>
          recordAudit(tx, { tenantId, action: e.action, targetType: e.targetType, targetId: e.targetId, data: e.data }),
        );
        continue;
      }
      await tx.$executeRaw`
        INSERT INTO audit_events (id, tenant_id, actor_id, actor_type, action, target_type, target_id, data, created_at)
        VALUES (${randomUUID()}::uuid, ${tenantId}::uuid, ${e.actorId ?? null}::uuid, ${e.actorId ? "user" : "system"}, ${e.action},
                ${e.targetType ?? null}, ${e.targetId ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb, ${e.createdAt}::timestamptz)`;
    }
  });
}

/** Every page of a listing, following the cursor. */
async function allPages(
  ctx: TenantContext,
  query: AuditQueryInput,
): Promise<{ events: AuditEventRow[]; pages: number }> {
  const events: AuditEventRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listAuditEvents(ctx, { ...query, ...(cursor ? { cursor } : {}) });
    events.push(...page.events);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 1_000);
  return { events, pages };
}

/** RFC 4180 reader for the tests: records of fields, quotes undone. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || record.length) throw new Error("CSV does not end with CRLF");
  return records;
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    chunks += 1;
  }
  return { text: text + decoder.decode(), chunks };
}

const request = (slug: string, path: string, query = "") =>
  [
    new NextRequest(`http://localhost/api/tenants/${slug}/audit${path}${query}`),
    { params: Promise.resolve({ tenant: slug }) },
  ] as const;

const signIn = (user: User | null) => jest.mocked(currentUser).mockResolvedValue(user);

let alice: User;
let bob: User;
let mallory: User;
let tenantA: Tenant;
let tenantB: Tenant;

beforeAll(async () => {
  await getDb();
  alice = await newUser('Alice O\'Brien, "auditor"');
  bob = await newUser("Bob");
  mallory = await newUser("Mallory");
  tenantA = await newTenant([
    [alice, "OWNER"],
    [bob, "MEMBER"],
  ]);
  tenantB = await newTenant([[mallory, "OWNER"]]);
  await append(tenantA.id, [
    { action: "member.invited", actorId: alice.id, targetType: "invitation", targetId: "inv-1" },
    {
      action: "member.role_changed",
      actorId: alice.id,
      targetType: "user",
      targetId: bob.id,
      data: { before: { role: "VIEWER" }, after: { role: "MEMBER" } },
    },
    { action: "membership.probe", actorId: bob.id },
    { action: "case.created", actorId: bob.id, targetType: "case", targetId: "case-1" },
    { action: "case_note.added", actorId: bob.id, targetType: "case", targetId: "case-1" },
    { action: "caseXnote.added", actorId: null }, // `_` must not act as a LIKE wildcard
    { action: "session.token_reuse", actorId: null },
  ]);
  await append(tenantB.id, [
    { action: "member.invited", actorId: mallory.id, targetType: "invitation", targetId: "inv-b" },
    { action: "secret.tenant_b_only", actorId: mallory.id },
  ]);
});

afterAll(async () => {
  await (await getDatabase()).close();
});

describe("listing and filters", () => {
  const actionsOf = (events: AuditEventRow[]) => events.map((e) => e.action);

  test("newest first by seq, with the actor's name joined (null without an actor)", async () => {
    const { events, nextCursor } = await listAuditEvents(ctxFor(tenantA, alice), {});
    expect(nextCursor).toBeNull();
    expect(events.map((e) => Number(e.seq))).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(events.at(-1)).toMatchObject({
      action: "member.invited",
      actorId: alice.id,
      actorName: alice.name,
      actorType: "user",
      targetType: "invitation",
      targetId: "inv-1",
    });
    expect(events.find((e) => e.action === "session.token_reuse")).toMatchObject({
      actorId: null,
      actorName: null,
      actorType: "anonymous",
    });
    expect(events.find((e) => e.action === "member.role_changed")!.data).toEqual({
      before: { role: "VIEWER" },
      after: { role: "MEMBER" },
    });
    expect(typeof events[0]!.seq).toBe("string");
    expect(events[0]!.createdAt).toBeInstanceOf(Date);
  });

  test("a trailing dot filters by resource prefix; otherwise the action matches exactly", async () => {
    const ctx = ctxFor(tenantA, alice);
    expect(actionsOf((await listAuditEvents(ctx, { action: "member." })).events)).toEqual([
      "member.role_changed",
      "member.invited",
    ]);
    expect(actionsOf((await listAuditEvents(ctx, { action: "case_note." })).events)).toEqual(["case_note.added"]);
    expect(actionsOf((await listAuditEvents(ctx, { action: "member.invited" })).events)).toEqual(["member.invited"]);
    expect(actionsOf((await listAuditEvents(ctx, { action: "member" })).events)).toEqual([]);
  });

  test("by actor, by target, combined", async () => {
    const ctx = ctxFor(tenantA, alice);
    expect(actionsOf((await listAuditEvents(ctx, { actorId: bob.id })).events)).toEqual([
      "case_note.added",
      "case.created",
      "membership.probe",
    ]);
    expect(actionsOf((await listAuditEvents(ctx, { targetType: "case", targetId: "case-1" })).events)).toEqual([
      "case_note.added",
      "case.created",
    ]);
    expect(actionsOf((await listAuditEvents(ctx, { actorId: bob.id, action: "case." })).events)).toEqual([
      "case.created",
    ]);
  });

  test("a date range is whole days of the tenant's zone (UTC by default), both ends inclusive", async () => {
    const tenant = await newTenant();
    await append(tenant.id, [
      { action: "probe.before", createdAt: "2025-01-10T23:59:59.999Z" },
      { action: "probe.first_day", createdAt: "2025-01-11T00:00:00.000Z" },
      { action: "probe.middle", createdAt: "2025-01-15T12:00:00.000Z" },
      { action: "probe.last_day", createdAt: "2025-01-20T23:59:59.999Z" },
      { action: "probe.after", createdAt: "2025-01-21T00:00:00.000Z" },
    ]);
    const ctx = ctxFor(tenant, alice);
    expect(actionsOf((await listAuditEvents(ctx, { from: "2025-01-11", to: "2025-01-20" })).events)).toEqual([
      "probe.last_day",
      "probe.middle",
      "probe.first_day",
    ]);
    expect(actionsOf((await listAuditEvents(ctx, { from: "2025-01-21" })).events)).toEqual(["probe.after"]);
    expect(actionsOf((await listAuditEvents(ctx, { to: "2025-01-10" })).events)).toEqual(["probe.before"]);
    expect(actionsOf((await listAuditEvents(ctx, { from: "2025-01-15", to: "2025-01-15" })).events)).toEqual([
      "probe.middle",
    ]);
  });

  test("in a tenant on Berlin time the days run from Berlin midnight, not UTC's", async () => {
    const tenant = await newTenant();
    await (await getDb()).tenant.update({ where: { id: tenant.id }, data: { timeZone: "Europe/Berlin" } });
    await append(tenant.id, [
      { action: "probe.utc_10th_berlin_11th", createdAt: "2025-01-10T23:30:00.000Z" },
      { action: "probe.utc_11th_berlin_12th", createdAt: "2025-01-11T23:30:00.000Z" },
    ]);
    const ctx = ctxFor(tenant, alice);
    expect(actionsOf((await listAuditEvents(ctx, { from: "2025-01-11", to: "2025-01-11" })).events)).toEqual([
      "probe.utc_10th_berlin_11th",
    ]);
    expect(actionsOf((await listAuditEvents(ctx, { from: "2025-01-12" })).events)).toEqual([
      "probe.utc_11th_berlin_12th",
    ]);
    expect(actionsOf((await listAuditEvents(ctx, { to: "2025-01-10" })).events)).toEqual([]);
  });

  test("bad filters are a ValidationError with field errors, not a database error", async () => {
    const err = await listAuditEvents(ctxFor(tenantA, alice), { actorId: "nope", cursor: "x", limit: "500" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fieldErrors).sort()).toEqual(["actorId", "cursor", "limit"]);
  });

  test("the action list is distinct and sorted", async () => {
    expect(await listAuditActions(ctxFor(tenantA, alice))).toEqual(
      [
        "case.created",
        "caseXnote.added",
        "case_note.added",
        "member.invited",
        "member.role_changed",
        "membership.probe",
        "session.token_reuse",
      ].sort(),
    );
  });
});

describe("cursor pagination", () => {
  test("pages return every event exactly once, newest first, and end with no cursor", async () => {
    const tenant = await newTenant();
    await append(
      tenant.id,
      Array.from({ length: 23 }, (_, i) => ({ action: i % 3 === 0 ? "page.three" : "page.other", data: { i } })),
    );
    const ctx = ctxFor(tenant, alice);
    const { events, pages } = await allPages(ctx, { limit: 5 });
    expect(pages).toBe(5);
    expect(events.map((e) => Number(e.seq))).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
    expect(new Set(events.map((e) => e.id)).size).toBe(23);

    const filtered = await allPages(ctx, { action: "page.three", limit: 3 });
    expect(filtered.events.map((e) => (e.data as { i: number }).i)).toEqual([21, 18, 15, 12, 9, 6, 3, 0]);

    // A page that ends exactly at the last event has no next cursor (the extra row says so).
    const exact = await listAuditEvents(ctx, { limit: 23 });
    expect(exact.nextCursor).toBeNull();
  });

  test("events appended while paging do not shift or repeat older pages", async () => {
    const tenant = await newTenant();
    await append(
      tenant.id,
      Array.from({ length: 6 }, () => ({ action: "shift.probe" })),
    );
    const ctx = ctxFor(tenant, alice);
    const first = await listAuditEvents(ctx, { limit: 3 });
    await append(tenant.id, [{ action: "shift.new" }, { action: "shift.new" }]);
    const second = await listAuditEvents(ctx, { limit: 3, cursor: first.nextCursor! });
    expect([...first.events, ...second.events].map((e) => Number(e.seq))).toEqual([6, 5, 4, 3, 2, 1]);
  });
});

describe("tenant isolation", () => {
  test("another tenant's events never appear: not listed, not filterable, not in the actions or the export", async () => {
    const ctx = ctxFor(tenantA, alice);
    const everything = await allPages(ctx, { limit: 2 });
    expect(everything.events.length).toBeGreaterThan(0);
    expect(
      everything.events.some(
        (e) => e.action === "secret.tenant_b_only" || e.actorId === mallory.id || e.targetId === "inv-b",
      ),
    ).toBe(false);
    expect((await listAuditEvents(ctx, { actorId: mallory.id })).events).toEqual([]);
    expect((await listAuditEvents(ctx, { action: "secret." })).events).toEqual([]);
    expect(await listAuditActions(ctx)).not.toContain("secret.tenant_b_only");
    const csv = (await readStream(await streamAuditCsv(ctx, {}))).text;
    expect(csv).not.toContain("secret.tenant_b_only");
    expect(csv).not.toContain(mallory.id);
  });

  test("a context naming tenant B reads only B, even with A's user in it (RLS and the explicit tenant_id agree)", async () => {
    const asB = ctxFor(tenantB, alice);
    expect((await listAuditEvents(asB, {})).events.map((e) => e.action).sort()).toEqual([
      "member.invited",
      "secret.tenant_b_only",
    ]);
  });
});

describe("CSV export", () => {
  test("5,000 events stream as 5,001 CSV records in pages, escaped and formula-safe, oldest first", async () => {
    const tenant = await newTenant([[alice, "OWNER"]]);
    const db = await getDb();
    // One statement: the chain trigger still numbers and hashes every row.
    await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(
      (tx) =>
        tx.$executeRaw`
        INSERT INTO audit_events (id, tenant_id, actor_id, actor_type, action, target_type, target_id, data, request_id, ip, user_agent)
        SELECT gen_random_uuid(), ${tenant.id}::uuid, ${alice.id}::uuid, 'user', 'bulk.event', 'citizen',
               CASE WHEN g % 500 = 0 THEN '=HYPERLINK("http://evil.example","x")' ELSE 't-' || g END,
               jsonb_build_object('i', g, 'note', CASE WHEN g % 250 = 0 THEN E'two\\nlines, "quoted"' ELSE 'plain' END),
               'req-' || g, '198.51.100.' || (g % 250), 'Mozilla/5.0 (X11; Linux x86_64), "quoted"'
          FROM generate_series(1, 5000) AS g`,
    );
    const ctx = ctxFor(tenant, alice);
    const { text, chunks } = await readStream(await streamAuditCsv(ctx, {}));
    expect(chunks).toBe(1 + Math.ceil(5_000 / EXPORT_PAGE_SIZE)); // header, then one chunk per page

    const records = parseCsv(text);
    expect(records).toHaveLength(5_001);
    expect(records[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(records.every((r) => r.length === AUDIT_CSV_COLUMNS.length)).toBe(true);
    const col = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => AUDIT_CSV_COLUMNS.indexOf(name);
    const rows = records.slice(1);
    expect(rows.map((r) => Number(r[col("seq")]))).toEqual(Array.from({ length: 5_000 }, (_, i) => i + 1));
    // The hash columns let a reader re-check the links of the exported slice.
    for (let i = 1; i < rows.length; i++) expect(rows[i]![col("prev_hash")]).toBe(rows[i - 1]![col("hash")]);
    expect(rows[0]![col("prev_hash")]).toBe("");

    const byI = new Map(rows.map((r) => [(JSON.parse(r[col("data")]!) as { i: number }).i, r]));
    expect(byI.size).toBe(5_000);
    expect(byI.get(500)![col("target_id")]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(JSON.parse(byI.get(250)![col("data")]!)).toEqual({ i: 250, note: 'two\nlines, "quoted"' });
    expect(byI.get(1)![col("user_agent")]).toBe('Mozilla/5.0 (X11; Linux x86_64), "quoted"');
    expect(byI.get(1)![col("actor_name")]).toBe(alice.name);
    expect(byI.get(1)![col("created_at")]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Quoting on the wire, not just after parsing: the formula cell is quoted and prefixed.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text.split("\r\n")).toHaveLength(5_002); // 5,001 CRLF-terminated records (no CRLF inside values)
  });

  test("the export is recorded as audit.exported with its filters, before streaming, and excludes itself", async () => {
    const tenant = await newTenant();
    await append(tenant.id, [{ action: "x.one" }, { action: "x.two" }, { action: "y.one" }]);
    const ctx = ctxFor(tenant, alice);
    // As the export route runs it: inside the guard's context for this user and request.
    const stream = await inRequestContext(ctx, () =>
      streamAuditCsv(ctx, { action: "x.", from: "2000-01-01", cursor: "99", limit: "7" }),
    );
    // Recorded before a byte was read.
    const [exported] = (await listAuditEvents(ctx, { action: "audit.exported" })).events;
    expect(exported).toMatchObject({
      actorId: alice.id,
      actorName: alice.name,
      requestId: "req-audit-viewer-test",
      data: { filters: { action: "x.", from: "2000-01-01" } },
    });
    const records = parseCsv((await readStream(stream)).text);
    expect(records.slice(1).map((r) => r[2])).toEqual(["x.one", "x.two"]);

    const all = parseCsv((await readStream(await inRequestContext(ctx, () => streamAuditCsv(ctx, {})))).text);
    expect(all.slice(1).map((r) => r[2])).toEqual(["x.one", "x.two", "y.one", "audit.exported"]); // the first export, not the second
    expect(await verifyAuditChain(await getDb(), tenant.id)).toEqual({ ok: true, checked: 5 }); // 3 events + 2 exports
  });
});

describe("chain verification", () => {
  test("the result is returned and recorded as audit.chain_verified, intact and broken", async () => {
    const tenant = await newTenant();
    await append(
      tenant.id,
      Array.from({ length: 4 }, (_, i) => ({ action: "chain.probe", data: { i } })),
    );
    const ctx = ctxFor(tenant, alice);
    expect(await inRequestContext(ctx, () => verifyTenantAuditChain(ctx))).toEqual({ ok: true, checked: 4 });
    const [intact] = (await listAuditEvents(ctx, { action: "audit.chain_verified" })).events;
    expect(intact).toMatchObject({ seq: "5", actorId: alice.id, data: { ok: true, checked: 4 } });

    const victim = (await listAuditEvents(ctx, { action: "chain.probe" })).events.find((e) => e.seq === "2")!;
    await ownerSqlFor(await getDatabase())((sql) =>
      sql.query(`UPDATE audit_events SET data = '{"i": 99}' WHERE id = $1`, [victim.id]),
    );
    const broken = await inRequestContext(ctx, () => verifyTenantAuditChain(ctx));
    expect(broken).toEqual({
      ok: false,
      checked: 1,
      brokenAt: { id: victim.id, seq: "2", createdAt: victim.createdAt.toISOString(), reason: "hash_mismatch" },
    });
    const [recorded] = (await listAuditEvents(ctx, { action: "audit.chain_verified" })).events;
    expect(recorded!.data).toEqual(broken);
  });
});

describe("routes and the server action, behind the guards", () => {
  beforeEach(() => signIn(alice));

  test("GET …/audit answers a JSON page; bad filters 400 with field errors", async () => {
    const res = await listRoute(...request(tenantA.slug, "", "?action=member.&limit=1"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      events: Array<{ action: string; seq: string; createdAt: string }>;
      nextCursor: string | null;
    };
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ action: "member.role_changed", seq: "2" });
    expect(body.nextCursor).toBe("2");

    const bad = await listRoute(...request(tenantA.slug, "", "?from=someday&cursor=-1"));
    expect(bad.status).toBe(400);
    const error = (
      (await bad.json()) as { error: { code: string; details: { fieldErrors: Record<string, string[]> } } }
    ).error;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(error.details.fieldErrors).sort()).toEqual(["cursor", "from"]);
  });

  test("GET …/audit/export streams a CSV download; bad filters 400 and record nothing", async () => {
    const exportsBefore = (await listAuditEvents(ctxFor(tenantA, alice), { action: "audit.exported", limit: 200 }))
      .events.length;
    const bad = await exportRoute(...request(tenantA.slug, "/export", "?action=%25"));
    expect(bad.status).toBe(400);
    expect(
      (await listAuditEvents(ctxFor(tenantA, alice), { action: "audit.exported", limit: 200 })).events,
    ).toHaveLength(exportsBefore);

    const res = await exportRoute(...request(tenantA.slug, "/export", "?action=case."));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename=audit-${tenantA.slug}-\\d{4}-\\d\\d-\\d\\d\\.csv$`),
    );
    const records = parseCsv(await res.text());
    expect(records.slice(1).map((r) => r[2])).toEqual(["case.created"]);
    expect(
      (await listAuditEvents(ctxFor(tenantA, alice), { action: "audit.exported", limit: 200 })).events,
    ).toHaveLength(exportsBefore + 1);
  });

  test("permissions: a MEMBER gets 403, another tenant 404, COMPLIANCE and ADMIN may export", async () => {
    signIn(bob); // MEMBER of A
    expect((await listRoute(...request(tenantA.slug, ""))).status).toBe(403);
    expect((await exportRoute(...request(tenantA.slug, "/export"))).status).toBe(403);
    expect(await verifyChainAction(tenantA.slug, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });

    signIn(alice); // not a member of B
    expect((await listRoute(...request(tenantB.slug, ""))).status).toBe(404);
    expect((await exportRoute(...request(tenantB.slug, "/export"))).status).toBe(404);

    const auditor = await newUser("Auditor");
    await (
      await getDb()
    )
      .forTenant({ tenantId: tenantA.id })
      .membership.create({ data: { tenantId: tenantA.id, userId: auditor.id, role: "COMPLIANCE" } });
    signIn(auditor);
    const res = await exportRoute(...request(tenantA.slug, "/export"));
    expect(res.status).toBe(200);
    await res.body?.cancel();
    expect(can("ADMIN", "audit.export")).toBe(true);
    expect(can("OWNER", "audit.export")).toBe(true);
    expect(can("MEMBER", "audit.export")).toBe(false);

    signIn(null);
    expect((await listRoute(...request(tenantA.slug, ""))).status).toBe(401);
  });

  test("the verify-chain server action answers the result", async () => {
    const result = await verifyChainAction(tenantA.slug, {});
    expect(result).toMatchObject({ ok: true, data: { ok: true } });
    expect(result.ok && result.data.checked).toBeGreaterThan(7);
  });
});
