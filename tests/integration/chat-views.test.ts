// The chat views and the chat role (migration 20261203130000_chat_views), WITHOUT the SQL guard:
// everything here runs straight on the role, as if the guard had let anything through.
//   - the views are security_invoker: with no tenant set they show nothing, with tenant A set
//     nothing of tenant B, although the migrating owner is a superuser;
//   - the role reads only the columns the views show: no write, no PII column, no other table,
//     no set_config (which would move it to another tenant), even outside a READ ONLY transaction.
import { randomUUID } from "node:crypto";
import { openTestDatabase, uniqueSlug, type TestDatabase } from "../support/test-db";
import { CHAT_VIEWS } from "@/lib/chat/views";

let t: TestDatabase;
type World = { tenantId: string; citizenIds: string[]; caseIds: string[]; eventIds: string[] };
const world: { a?: World; b?: World } = {};

async function seed(label: string, cases: number): Promise<World> {
  const tenant = await t.db.tenant.create({ data: { slug: uniqueSlug(`chat-${label}`), name: label } });
  const w: World = { tenantId: tenant.id, citizenIds: [], caseIds: [], eventIds: [] };
  await t.db.forTenant({ tenantId: tenant.id }).$tenantTransaction(async (tx) => {
    const c = await tx.citizen.create({
      data: {
        tenantId: tenant.id,
        firstName: "Secret",
        lastName: `Name-${label}`,
        city: `City-${label}`,
        notes: "pii",
      },
    });
    w.citizenIds.push(c.id);
    for (let i = 0; i < cases; i++) {
      const k = await tx.case.create({
        data: { tenantId: tenant.id, citizenId: c.id, title: `Title ${label}`, category: `cat-${label}` },
      });
      w.caseIds.push(k.id);
      const e = await tx.caseEvent.create({ data: { tenantId: tenant.id, caseId: k.id, kind: "NOTE", body: "body" } });
      w.eventIds.push(e.id);
    }
  });
  return w;
}

/** One transaction as the chat role; `tenantId` null = no tenant set. Returns rows or the error. */
async function asChat(tenantId: string | null, sql: string, opts: { readOnly?: boolean } = {}) {
  try {
    const rows = await t.base.$transaction(async (tx) => {
      if (tenantId) await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      if (opts.readOnly) await tx.$executeRawUnsafe("SET LOCAL transaction_read_only = on");
      await tx.$executeRawUnsafe("SET LOCAL ROLE civitas_chat");
      return tx.$queryRawUnsafe<Record<string, unknown>[]>(sql);
    });
    return { rows, error: undefined };
  } catch (err) {
    return { rows: undefined, error: err instanceof Error ? err.message : String(err) };
  }
}

beforeAll(async () => {
  t = await openTestDatabase();
  world.a = await seed("a", 3);
  world.b = await seed("b", 2);
});
afterAll(async () => {
  await t?.close();
});

describe("the chat views under the chat role", () => {
  it.each(CHAT_VIEWS.map((v) => v.name))("chat.%s shows no row when no tenant is set", async (view) => {
    const { rows, error } = await asChat(null, `SELECT count(*)::int AS n FROM chat.${view}`);
    expect(error).toBeUndefined();
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("with tenant A set, every view shows A's rows and none of B's", async () => {
    const a = world.a!;
    const b = world.b!;
    const ids = async (view: string) =>
      ((await asChat(a.tenantId, `SELECT id::text AS id FROM chat.${view}`)).rows ?? []).map((r) => r.id).sort();
    expect(await ids("cases")).toEqual([...a.caseIds].sort());
    expect(await ids("citizens")).toEqual([...a.citizenIds].sort());
    expect(await ids("case_events")).toEqual([...a.eventIds].sort());
    const probe = await asChat(
      a.tenantId,
      `SELECT count(*)::int AS n FROM chat.cases WHERE id = '${b.caseIds[0]}' OR category = 'cat-b'`,
    );
    expect(probe.rows).toEqual([{ n: 0 }]);
  });

  it("the views have exactly the columns lib/chat/views.ts describes (no PII column)", async () => {
    for (const view of CHAT_VIEWS) {
      const cols = await t.withOwnerSql((sql) =>
        sql.query<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = 'chat' AND table_name = $1 ORDER BY ordinal_position",
          [view.name],
        ),
      );
      expect(cols.map((c) => c.column_name)).toEqual(view.columns.map((c) => c.name));
    }
  });

  it("every view in the chat schema is security_invoker (a plain view would read as its superuser owner)", async () => {
    const views = await t.withOwnerSql((sql) =>
      sql.query<{ relname: string; invoker: boolean }>(
        `SELECT relname, coalesce('security_invoker=true' = ANY(reloptions), false) AS invoker
           FROM pg_class WHERE relnamespace = 'chat'::regnamespace AND relkind = 'v' ORDER BY relname`,
      ),
    );
    expect(views).toEqual(
      CHAT_VIEWS.map((v) => ({ relname: v.name, invoker: true })).sort((x, y) => x.relname.localeCompare(y.relname)),
    );
  });

  it("a soft-deleted citizen is not in chat.citizens", async () => {
    const w = await seed("del", 0);
    await t.db
      .forTenant({ tenantId: w.tenantId })
      .citizen.update({ where: { id: w.citizenIds[0] }, data: { deletedAt: new Date() } });
    expect((await asChat(w.tenantId, "SELECT count(*)::int AS n FROM chat.citizens")).rows).toEqual([{ n: 0 }]);
  });
});

// Statements the SQL guard refuses, run on the role alone (no READ ONLY transaction: the role's
// rights are the only wall here). Each must fail with a permission or read-only error.
const REFUSED_BY_ROLE: [string, string][] = [
  ["all columns of a base table", "SELECT * FROM public.citizens"],
  ["a name", "SELECT first_name, last_name FROM public.citizens"],
  ["an encrypted column", "SELECT email_enc FROM public.citizens"],
  ["a blind index", "SELECT national_id_bidx FROM public.citizens"],
  ["notes", "SELECT notes FROM public.citizens"],
  ["a case title", "SELECT title FROM public.cases"],
  ["a case description", "SELECT description FROM public.cases"],
  ["an event body", "SELECT body FROM public.case_events"],
  ["users", "SELECT email FROM public.users"],
  ["tenants", "SELECT id FROM public.tenants"],
  ["memberships", "SELECT user_id FROM public.memberships"],
  ["audit events", "SELECT data FROM public.audit_events"],
  ["sessions", "SELECT * FROM public.auth_sessions"],
  ["case summaries", "SELECT * FROM public.case_summaries"],
  ["AI usage", "SELECT * FROM public.ai_usage"],
  ["insert into a view", "INSERT INTO chat.citizens (id, city) VALUES (gen_random_uuid(), 'x')"],
  ["update a view", "UPDATE chat.cases SET category = 'x'"],
  ["delete from a view", "DELETE FROM chat.case_events"],
  ["insert into a table", "INSERT INTO public.cases (id) VALUES (gen_random_uuid())"],
  ["update a granted column", "UPDATE public.cases SET category = 'x'"],
  ["delete from a table", "DELETE FROM public.cases"],
  ["truncate", "TRUNCATE public.case_events"],
  ["create in the chat schema", "CREATE TABLE chat.loot (x int)"],
  ["create in public", "CREATE TABLE public.loot (x int)"],
  ["drop a view", "DROP VIEW chat.cases"],
  ["alter a view", "ALTER VIEW chat.cases RENAME TO c2"],
  ["grant", "GRANT SELECT ON public.citizens TO civitas_chat"],
  ["move to another tenant", `SELECT set_config('app.tenant_id', '${randomUUID()}', true)`],
  ["session advisory lock", "SELECT pg_advisory_lock(42)"],
  ["try advisory lock", "SELECT pg_try_advisory_lock(42)"],
  ["large object", "SELECT lo_create(0)"],
  ["large object from bytea", "SELECT lo_from_bytea(0, '\\x00')"],
  ["server file", "SELECT pg_read_file('/etc/passwd')"],
  ["lo_import", "SELECT lo_import('/etc/passwd')"],
  ["password hashes", "SELECT rolpassword FROM pg_authid"],
  ["copy to a file", "COPY (SELECT 1) TO '/tmp/chat-loot'"],
  ["query_to_xml over a base table", "SELECT query_to_xml('SELECT first_name FROM public.citizens', true, false, '')"],
  ["the migrations", "SELECT * FROM public._prisma_migrations"],
];

describe("the chat role alone (no guard, no READ ONLY)", () => {
  it.each(REFUSED_BY_ROLE)("refuses %s", async (_name, sql) => {
    const { rows, error } = await asChat(world.a!.tenantId, sql);
    expect(rows).toBeUndefined();
    expect(error).toMatch(/permission denied|must be owner|superuser|not allowed|read-only|pg_read_server_files/i);
  });

  it("reading the granted columns of a base table shows only the tenant's own rows (RLS holds)", async () => {
    const { rows } = await asChat(world.a!.tenantId, "SELECT count(*)::int AS n FROM public.cases");
    expect(rows).toEqual([{ n: world.a!.caseIds.length }]);
  });

  it("a set_config smuggled next to a subquery does not move the role to tenant B", async () => {
    const sql = `SELECT set_config('app.tenant_id', '${world.b!.tenantId}', true), (SELECT count(*) FROM chat.cases)`;
    const { rows, error } = await asChat(world.a!.tenantId, sql);
    expect(rows).toBeUndefined();
    expect(error).toMatch(/permission denied/i);
  });

  it("in a READ ONLY transaction even a temporary table cannot be made", async () => {
    const { error } = await asChat(world.a!.tenantId, "CREATE TEMP TABLE loot AS SELECT 1", { readOnly: true });
    expect(error).toMatch(/read-only/i);
  });

  it("the app role keeps set_config and advisory locks (nothing it does changed)", async () => {
    const rows = await t.base.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${world.a!.tenantId}, true)`;
      return tx.$queryRawUnsafe<{ locked: boolean }[]>(
        "SELECT pg_try_advisory_xact_lock(4242) AS locked, current_user::text AS who",
      );
    });
    expect(rows[0]).toMatchObject({ locked: true, who: "civitas_app" });
  });
});
