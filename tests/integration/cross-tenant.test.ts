// The cross-tenant suite: for every tenant-owned model (enumerated from the Prisma data
// model), tenant A can never read, count, update or delete tenant B's rows, through both walls
// together and through each wall alone:
//   - extension only: the connection bypasses RLS (owner superuser), only db.forTenant scopes;
//   - RLS only: the plain Prisma client (no extension) as the app role with app.tenant_id set.
// A final block takes each wall away in turn to show the probes do detect a leak.
import { openTestDatabase, uniqueSlug, type TestDatabase } from "../support/test-db";
import { TENANT_FIXTURES } from "../support/tenant-fixtures";
import { tenantOwnedModelNames } from "../support/model-list";
import { tenantOwnedModels, type ModelMeta } from "../../lib/db/tenant-models";
import { TenantScopeError } from "../../lib/db/tenant-scope";
import type { Db } from "../../lib/db/tenant-extension";
import type { PrismaClient } from "../../lib/generated/prisma/client";

let t: TestDatabase;
let models: ModelMeta[];
const tenants = { a: "", b: "" };
const rows: Record<string, { a: string; b: string }> = {};
/** Each row's unique `where` (composite keys, e.g. the partitioned audit log's (id, createdAt)). */
const whereOf = new Map<string, Record<string, unknown>>();
const uniqueWhere = (id: string) => whereOf.get(id) ?? { id };
// Every tenant-owned model of the schema: a new model joins every probe below automatically.
const MODELS = tenantOwnedModelNames();

const delegateName = (model: string) => model.charAt(0).toLowerCase() + model.slice(1);
// Prisma delegates are typed per model; the suite is generic over models on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDelegate = any;
const delegate = (client: unknown, model: string): AnyDelegate =>
  (client as Record<string, AnyDelegate>)[delegateName(model)];

async function seedTenant(db: Db, slug: string): Promise<string> {
  const tenant = await db.tenant.create({ data: { slug, name: slug } });
  return tenant.id;
}

beforeAll(async () => {
  t = await openTestDatabase();
  models = tenantOwnedModels(t.db.$tenantModels());
  tenants.a = await seedTenant(t.db, uniqueSlug("iso-a"));
  tenants.b = await seedTenant(t.db, uniqueSlug("iso-b"));
  for (const m of models) {
    const fixture = TENANT_FIXTURES[m.name];
    if (!fixture) continue;
    const a = await t.db
      .forTenant({ tenantId: tenants.a })
      .$tenantTransaction((tx) => fixture.create(tx, tenants.a, `a-${m.name}`));
    const b = await t.db
      .forTenant({ tenantId: tenants.b })
      .$tenantTransaction((tx) => fixture.create(tx, tenants.b, `b-${m.name}`));
    rows[m.name] = { a: a.id, b: b.id };
    if (fixture.uniqueWhere) {
      whereOf.set(a.id, fixture.uniqueWhere(a));
      whereOf.set(b.id, fixture.uniqueWhere(b));
    }
  }
});

afterAll(async () => {
  await t?.close();
});

/** B's row as the owner sees it, to prove it is untouched. */
async function bRowAsOwner(model: string) {
  return t.withRlsBypassed((_db, base) => delegate(base, model).findUnique({ where: uniqueWhere(rows[model]!.b) }));
}

test("the suite covers every tenant-owned model and there is at least one", () => {
  expect(models.length).toBeGreaterThanOrEqual(2);
  expect(models.map((m) => m.name).sort()).toEqual([...MODELS].sort());
  const missing = models.map((m) => m.name).filter((name) => !TENANT_FIXTURES[name]);
  expect(missing).toEqual([]); // add a fixture in tests/support/tenant-fixtures.ts
});

test("every tenant-owned table has row-level security enabled, forced and a policy", async () => {
  const tables = models.map((m) => m.table);
  const catalog = await t.withOwnerSql((sql) =>
    sql.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
      [tables],
    ),
  );
  expect(catalog.map((r) => r.relname).sort()).toEqual([...tables].sort());
  for (const row of catalog) {
    expect({
      table: row.relname,
      enabled: row.relrowsecurity,
      forced: row.relforcerowsecurity,
      hasPolicy: row.policies > 0,
    }).toEqual({
      table: row.relname,
      enabled: true,
      forced: true,
      hasPolicy: true,
    });
  }
});

test("the runtime role is neither superuser nor BYPASSRLS", async () => {
  const [role] = await t.base.$queryRaw<Array<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>>`
    SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`;
  expect(role).toEqual({ rolname: "civitas_app", rolsuper: false, rolbypassrls: false });
});

/** Runs one probe step with a client scoped to tenant A by the wall under test. */
type Run = (step: (client: unknown) => Promise<AnyDelegate>) => Promise<AnyDelegate>;

/** The probes one wall (or both) must pass. Each step runs on its own (a refused write may abort a transaction). */
async function expectNoCrossTenantAccess(model: string, run: Run) {
  const d = (c: unknown) => delegate(c, model);
  const { a, b } = rows[model]!;
  const fixture = TENANT_FIXTURES[model]!;

  expect(await run((c) => d(c).findUnique({ where: uniqueWhere(b) }))).toBeNull();
  expect(await run((c) => d(c).findFirst({ where: { id: b } }))).toBeNull();
  const all = await run((c) => d(c).findMany({ select: { id: true, tenantId: true } }));
  expect(all.map((r: { tenantId: string }) => r.tenantId).every((id: string) => id === tenants.a)).toBe(true);
  expect(all.map((r: { id: string }) => r.id)).toContain(a);
  expect(await run((c) => d(c).count({ where: { id: b } }))).toBe(0);
  const agg = await run((c) => d(c).aggregate({ where: { id: { in: [a, b] } }, _count: { _all: true } }));
  expect(agg._count._all).toBe(1);
  const groups = await run((c) => d(c).groupBy({ by: ["tenantId"], _count: { _all: true } }));
  expect(groups.map((g: { tenantId: string }) => g.tenantId)).toEqual([tenants.a]);

  await expect(run((c) => d(c).update({ where: uniqueWhere(b), data: fixture.update }))).rejects.toThrow();
  await expect(run((c) => d(c).delete({ where: uniqueWhere(b) }))).rejects.toThrow();
  if (fixture.appendOnly) {
    // The runtime role may not update or delete at all: refused outright, or (owner
    // connection, extension only) scoped to nothing.
    for (const op of ["updateMany", "deleteMany"] as const) {
      const outcome = await run((c) =>
        d(c)[op]({ where: { id: b }, ...(op === "updateMany" ? { data: fixture.update } : {}) }),
      ).then(
        (r: { count: number }) => r.count,
        () => "refused",
      );
      expect([0, "refused"]).toContain(outcome);
    }
  } else {
    expect((await run((c) => d(c).updateMany({ where: { id: b }, data: fixture.update }))).count).toBe(0);
    expect((await run((c) => d(c).deleteMany({ where: { id: b } }))).count).toBe(0);
  }
  expect(await bRowAsOwner(model)).not.toBeNull();
}

/** A create that claims tenant B, made through db.forTenant(A): the row must land in A. */
async function expectCreateLandsInA(db: Db, model: string) {
  const created = await db
    .forTenant({ tenantId: tenants.a })
    .$tenantTransaction((tx) => TENANT_FIXTURES[model]!.create(tx, tenants.b, `intruder-${model}`));
  const fixture = TENANT_FIXTURES[model]!;
  const where = fixture.uniqueWhere ? fixture.uniqueWhere(created) : { id: created.id };
  const stored = await t.withRlsBypassed((_db, base) => delegate(base, model).findUnique({ where }));
  expect((stored as { tenantId: string }).tenantId).toBe(tenants.a);
}

describe("both walls (db.forTenant as the app role)", () => {
  test.each(MODELS)("%s: A never touches B", async (model) => {
    const scoped = t.db.forTenant({ tenantId: tenants.a });
    await expectNoCrossTenantAccess(model, (step) => step(scoped));
  });

  test.each(MODELS)("%s: a create claiming tenant B lands in A", (model) => expectCreateLandsInA(t.db, model));

  test.each(MODELS)("%s: inside an interactive tenant transaction too", async (model) => {
    await t.db.forTenant({ tenantId: tenants.a }).$tenantTransaction(async (tx) => {
      expect(await delegate(tx, model).findUnique({ where: uniqueWhere(rows[model]!.b) })).toBeNull();
      expect(await delegate(tx, model).count()).toBeGreaterThan(0);
    });
  });
});

describe("extension alone (connection bypasses RLS)", () => {
  test("the owner connection really does bypass RLS", async () => {
    const both = await t.withRlsBypassed((_db, base) =>
      base.citizen.count({ where: { tenantId: { in: [tenants.a, tenants.b] } } }),
    );
    expect(both).toBeGreaterThanOrEqual(2);
  });

  test.each(MODELS)("%s: A never touches B", async (model) => {
    await t.withRlsBypassed((db) => {
      const scoped = db.forTenant({ tenantId: tenants.a });
      return expectNoCrossTenantAccess(model, (step) => step(scoped));
    });
  });

  test.each(MODELS)("%s: a create claiming tenant B lands in A", (model) =>
    t.withRlsBypassed((db) => expectCreateLandsInA(db, model)),
  );
});

describe("RLS alone (plain Prisma client, no extension)", () => {
  async function asTenantWithoutExtension<T>(tenantId: string, fn: (tx: unknown) => Promise<T>): Promise<T> {
    return t.base.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      return fn(tx);
    });
  }

  test.each(MODELS)("%s: A never touches B", async (model) => {
    await expectNoCrossTenantAccess(model, (step) => asTenantWithoutExtension(tenants.a, step));
  });

  test("inserting a row for another tenant is refused by the policy", async () => {
    await expect(
      asTenantWithoutExtension(tenants.a, (tx) =>
        (tx as PrismaClient).citizen.create({
          data: { tenantId: tenants.b, firstName: "Intruder", lastName: "Probe" },
        }),
      ),
    ).rejects.toThrow(/row-level security|row level security|violates/i);
  });

  test("moving one of A's rows to B is refused by the policy", async () => {
    await expect(
      asTenantWithoutExtension(tenants.a, (tx) =>
        (tx as PrismaClient).citizen.update({ where: { id: rows.Citizen!.a }, data: { tenantId: tenants.b } }),
      ),
    ).rejects.toThrow();
  });

  test.each(MODELS)("%s: no tenant set → no rows at all", async (model) => {
    expect(await delegate(t.base, model).count()).toBe(0);
    expect(await delegate(t.base, model).findMany()).toEqual([]);
  });
});

describe("guards", () => {
  test("tenant-owned models cannot be used without a tenant", async () => {
    await expect(t.db.citizen.findMany()).rejects.toThrow(TenantScopeError);
    await expect(t.db.case.count()).rejects.toThrow(TenantScopeError);
  });

  test.each([undefined, "", "not-a-uuid"])("forTenant(%p) throws", (tenantId) => {
    expect(() => t.db.forTenant({ tenantId } as { tenantId: string })).toThrow(TenantScopeError);
  });

  test("an unknown tenant id sees nothing", async () => {
    expect(await t.db.forTenant({ tenantId: "00000000-0000-4000-8000-000000000000" }).citizen.count()).toBe(0);
  });

  test("a row can never reference another tenant's row (composite foreign key)", async () => {
    await expect(
      t.withRlsBypassed((_db, base) =>
        base.case.create({ data: { tenantId: tenants.a, citizenId: rows.Citizen!.b, title: "Cross-tenant link" } }),
      ),
    ).rejects.toThrow(/foreign key|Foreign key/);
  });

  test("nested connect to another tenant's row is refused by the extension", async () => {
    await expect(
      t.db.forTenant({ tenantId: tenants.a }).case.create({
        data: {
          title: "Sneaky",
          tenant: { connect: { id: tenants.a } },
          citizen: { connect: { id: rows.Citizen!.b } },
        },
      }),
    ).rejects.toThrow();
  });

  test("the tenant of a row cannot be changed through the extension", async () => {
    await expect(
      t.db
        .forTenant({ tenantId: tenants.a })
        .citizen.update({ where: { id: rows.Citizen!.a }, data: { tenantId: tenants.b } }),
    ).rejects.toThrow(TenantScopeError);
  });
});

describe("each wall is load-bearing: with it removed the probes see a leak", () => {
  test("without the extension and without RLS, B's rows are visible (the probes are not vacuous)", async () => {
    const leaked = await t.withRlsBypassed((_db, base) => base.citizen.findUnique({ where: { id: rows.Citizen!.b } }));
    expect(leaked).not.toBeNull();
  });

  test("with the policy dropped (in a rolled-back transaction), the app role sees B's rows", async () => {
    const leaked = await t.withOwnerSql(async (sql) => {
      await sql.exec("BEGIN");
      try {
        await sql.exec(
          `DROP POLICY tenant_isolation ON citizens; CREATE POLICY allow_all ON citizens USING (true) WITH CHECK (true)`,
        );
        await sql.exec(`SET LOCAL ROLE civitas_app`);
        await sql.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenants.a]);
        return await sql.query<{ id: string }>(`SELECT id FROM citizens WHERE id = $1`, [rows.Citizen!.b]);
      } finally {
        await sql.exec("ROLLBACK");
      }
    });
    expect(leaked).toHaveLength(1);
    // And after the rollback the policy protects again.
    const visible = await t.base.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenants.a}, true)`;
      return tx.citizen.findUnique({ where: { id: rows.Citizen!.b } });
    });
    expect(visible).toBeNull();
  });
});

// Memberships are an identity model (read before a tenant is chosen, so not in the extension's
// tenant scope), but the table has its own RLS wall: the current tenant's rows, the current
// user's own rows, and a child tenant's view of its ancestors' inheriting rows.
describe("memberships (RLS on the identity model)", () => {
  const m = { a: "", b: "", shared: "", inheriting: "", plain: "" };
  const users = { a: "", b: "", shared: "", boss: "", clerk: "" };
  let child = "";

  /** The plain client as the app role, with these settings for one transaction. */
  function asSettings<T>(settings: Record<string, string>, fn: (tx: PrismaClient) => Promise<T>): Promise<T> {
    return t.base.$transaction(async (tx) => {
      for (const [name, value] of Object.entries(settings))
        await tx.$executeRaw`SELECT set_config(${name}, ${value}, true)`;
      return fn(tx as unknown as PrismaClient);
    });
  }

  beforeAll(async () => {
    for (const key of Object.keys(users) as Array<keyof typeof users>) {
      const u = await t.db.user.create({ data: { email: `${uniqueSlug(`m-${key}`)}@example.test`, name: key } });
      users[key] = u.id;
    }
    const add = async (tenantId: string, userId: string, inherit = false) =>
      (await t.db.forTenant({ tenantId }).membership.create({ data: { tenantId, userId, role: "MEMBER", inherit } }))
        .id;
    m.a = await add(tenants.a, users.a);
    m.b = await add(tenants.b, users.b);
    m.shared = await add(tenants.b, users.shared);
    await add(tenants.a, users.shared);
    m.inheriting = await add(tenants.a, users.boss, true);
    m.plain = await add(tenants.a, users.clerk);
    child = (await t.db.tenant.create({ data: { slug: uniqueSlug("iso-child"), name: "child", parentId: tenants.a } }))
      .id;
  });

  test("the table has row-level security enabled and forced", async () => {
    const [row] = await t.withOwnerSql((sql) =>
      sql.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'memberships'`,
      ),
    );
    expect(row).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });

  test("with no setting no membership is visible", async () => {
    expect(await t.base.membership.count()).toBe(0);
    expect(await t.base.membership.findMany()).toEqual([]);
  });

  test("another tenant's memberships are invisible (both walls and RLS alone)", async () => {
    const viaRls = await asSettings({ "app.tenant_id": tenants.a }, (tx) =>
      tx.membership.findMany({ select: { id: true, tenantId: true } }),
    );
    expect(viaRls.map((r) => r.id)).toContain(m.a);
    expect(viaRls.every((r) => r.tenantId === tenants.a)).toBe(true);
    // A query that forgets its tenant filter still only sees the tenant set for it.
    const forgetful = await t.db
      .forTenant({ tenantId: tenants.a })
      .membership.findMany({ where: { tenantId: tenants.b } });
    expect(forgetful).toEqual([]);
    expect(
      await asSettings({ "app.tenant_id": tenants.a }, (tx) => tx.membership.findUnique({ where: { id: m.b } })),
    ).toBeNull();
  });

  test("another tenant's memberships are unwritable", async () => {
    const asA = { "app.tenant_id": tenants.a };
    await expect(
      asSettings(asA, (tx) => tx.membership.create({ data: { tenantId: tenants.b, userId: users.a, role: "OWNER" } })),
    ).rejects.toThrow(/row-level security|row level security|violates/i);
    await expect(
      asSettings(asA, (tx) => tx.membership.update({ where: { id: m.b }, data: { role: "OWNER" } })),
    ).rejects.toThrow();
    await expect(asSettings(asA, (tx) => tx.membership.delete({ where: { id: m.b } }))).rejects.toThrow();
    expect((await asSettings(asA, (tx) => tx.membership.deleteMany({ where: { tenantId: tenants.b } }))).count).toBe(0);
    // Moving one of A's rows to B is refused too.
    await expect(
      asSettings(asA, (tx) => tx.membership.update({ where: { id: m.a }, data: { tenantId: tenants.b } })),
    ).rejects.toThrow();
    const stored = await t.withRlsBypassed((_db, base) => base.membership.findUnique({ where: { id: m.b } }));
    expect(stored).toMatchObject({ tenantId: tenants.b, role: "MEMBER" });
  });

  test("a user sees their own memberships across tenants, and nobody else's", async () => {
    const own = await asSettings({ "app.user_id": users.shared }, (tx) =>
      tx.membership.findMany({ select: { userId: true, tenantId: true } }),
    );
    expect(own.map((r) => r.tenantId).sort()).toEqual([tenants.a, tenants.b].sort());
    expect(own.every((r) => r.userId === users.shared)).toBe(true);
  });

  test("the user setting opens reading only: no writes without the tenant", async () => {
    await expect(
      asSettings({ "app.user_id": users.shared }, (tx) =>
        tx.membership.update({ where: { id: m.shared }, data: { role: "OWNER" } }),
      ),
    ).rejects.toThrow();
    await expect(
      asSettings({ "app.user_id": users.a }, (tx) =>
        tx.membership.create({ data: { tenantId: tenants.b, userId: users.a, role: "OWNER" } }),
      ),
    ).rejects.toThrow(/row-level security|row level security|violates/i);
  });

  test("a child tenant sees its ancestors' inheriting memberships only, and cannot change them", async () => {
    const seen = await asSettings({ "app.tenant_id": child }, (tx) => tx.membership.findMany({ select: { id: true } }));
    expect(seen.map((r) => r.id)).toEqual([m.inheriting]);
    await expect(
      asSettings({ "app.tenant_id": child }, (tx) =>
        tx.membership.update({ where: { id: m.inheriting }, data: { role: "OWNER" } }),
      ),
    ).rejects.toThrow();
    // The parent does not see down into the child, nor B into A's inheriting rows.
    const fromB = await asSettings({ "app.tenant_id": tenants.b }, (tx) =>
      tx.membership.findMany({ where: { id: m.inheriting } }),
    );
    expect(fromB).toEqual([]);
  });

  test("the platform directory setting opens counting only", async () => {
    const count = await asSettings({ "app.platform_directory": "on" }, (tx) =>
      tx.membership.count({ where: { id: { in: [m.a, m.b] } } }),
    );
    expect(count).toBe(2);
    await expect(
      asSettings({ "app.platform_directory": "on" }, (tx) =>
        tx.membership.update({ where: { id: m.b }, data: { role: "OWNER" } }),
      ),
    ).rejects.toThrow();
  });
});
