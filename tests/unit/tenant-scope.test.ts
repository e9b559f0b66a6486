import { buildModelMap, type RuntimeDataModel } from "@/lib/db/tenant-models";
import { scopeArgs, TenantScopeError } from "@/lib/db/tenant-scope";

// A small data model in the shape Prisma's runtime carries: Tenant/User global, Membership
// global by exception, Citizen and Case tenant-owned, Case → Citizen by composite key.
const dm: RuntimeDataModel = {
  models: {
    Tenant: {
      dbName: "tenants",
      fields: [
        { name: "id", kind: "scalar", type: "String" },
        { name: "citizens", kind: "object", type: "Citizen" },
      ],
    },
    User: {
      dbName: "users",
      fields: [
        { name: "id", kind: "scalar", type: "String" },
        { name: "assignedCases", kind: "object", type: "Case" },
      ],
    },
    Membership: { dbName: "memberships", fields: [{ name: "tenantId", kind: "scalar", type: "String" }] },
    Citizen: {
      dbName: "citizens",
      fields: [
        { name: "id", kind: "scalar", type: "String" },
        { name: "tenantId", kind: "scalar", type: "String" },
        { name: "tenant", kind: "object", type: "Tenant" },
        { name: "cases", kind: "object", type: "Case" },
      ],
    },
    Case: {
      dbName: "cases",
      fields: [
        { name: "id", kind: "scalar", type: "String" },
        { name: "tenantId", kind: "scalar", type: "String" },
        { name: "tenant", kind: "object", type: "Tenant" },
        { name: "citizen", kind: "object", type: "Citizen" },
      ],
    },
  },
};
const models = buildModelMap(dm);
const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

describe("model map", () => {
  test("models with tenantId are tenant-owned, except the identity models", () => {
    expect([...models.values()].filter((m) => m.tenantOwned).map((m) => m.name)).toEqual(["Citizen", "Case"]);
    expect(models.get("Citizen")!.table).toBe("citizens");
  });
});

describe("scopeArgs", () => {
  test.each([
    "findUnique",
    "findFirst",
    "findMany",
    "count",
    "aggregate",
    "groupBy",
    "update",
    "updateMany",
    "delete",
    "deleteMany",
  ])("%s gets the tenant in its where, overriding any tenant the caller wrote", (op) => {
    const out = scopeArgs(models, "Citizen", op, { where: { id: "x", tenantId: B } }, A);
    expect(out.where).toEqual({ id: "x", tenantId: A });
  });

  test("a missing where becomes the tenant filter", () => {
    expect(scopeArgs(models, "Citizen", "findMany", undefined, A)).toEqual({ where: { tenantId: A } });
  });

  test("create sets the tenant (scalar style)", () => {
    expect(scopeArgs(models, "Citizen", "create", { data: { firstName: "x", tenantId: B } }, A).data).toEqual({
      firstName: "x",
      tenantId: A,
    });
  });

  test("create in relation style connects the tenant instead of mixing in a scalar", () => {
    const out = scopeArgs(
      models,
      "Case",
      "create",
      { data: { title: "t", tenant: { connect: { id: B } }, citizen: { connect: { id: "c1" } } } },
      A,
    );
    expect(out.data).toEqual({
      title: "t",
      tenant: { connect: { id: A } },
      citizen: { connect: { id: "c1", tenantId: A } },
    });
  });

  test("createMany sets the tenant on every row", () => {
    const out = scopeArgs(
      models,
      "Citizen",
      "createMany",
      { data: [{ firstName: "a" }, { firstName: "b", tenantId: B }] },
      A,
    );
    expect(out.data).toEqual([
      { firstName: "a", tenantId: A },
      { firstName: "b", tenantId: A },
    ]);
  });

  test("upsert scopes where, create and update", () => {
    const out = scopeArgs(
      models,
      "Citizen",
      "upsert",
      { where: { id: "x" }, create: { firstName: "a" }, update: { firstName: "b" } },
      A,
    );
    expect(out).toEqual({
      where: { id: "x", tenantId: A },
      create: { firstName: "a", tenantId: A },
      update: { firstName: "b" },
    });
  });

  test("changing a row's tenant is refused", () => {
    expect(() => scopeArgs(models, "Citizen", "update", { where: { id: "x" }, data: { tenantId: B } }, A)).toThrow(
      TenantScopeError,
    );
    expect(() => scopeArgs(models, "Citizen", "updateMany", { data: { tenant: { connect: { id: B } } } }, A)).toThrow(
      TenantScopeError,
    );
  });

  test("nested writes into tenant-owned relations are scoped", () => {
    const out = scopeArgs(
      models,
      "Citizen",
      "update",
      {
        where: { id: "c" },
        data: {
          cases: {
            connect: [{ id: "1" }, { id: "2" }],
            set: { id: "3" },
            disconnect: { id: "4" },
            delete: [{ id: "5" }],
            deleteMany: { title: "old" },
            update: { where: { id: "6" }, data: { title: "n" } },
            updateMany: { where: { title: "a" }, data: { title: "b" } },
            connectOrCreate: { where: { id: "7" }, create: { title: "c" } },
            upsert: { where: { id: "8" }, create: { title: "c" }, update: { title: "u" } },
            create: { title: "new" },
          },
        },
      },
      A,
    );
    expect(out.data).toEqual({
      cases: {
        connect: [
          { id: "1", tenantId: A },
          { id: "2", tenantId: A },
        ],
        set: { id: "3", tenantId: A },
        disconnect: { id: "4", tenantId: A },
        delete: [{ id: "5", tenantId: A }],
        deleteMany: { title: "old", tenantId: A },
        update: { where: { id: "6", tenantId: A }, data: { title: "n" } },
        updateMany: { where: { title: "a", tenantId: A }, data: { title: "b" } },
        connectOrCreate: { where: { id: "7", tenantId: A }, create: { title: "c" } },
        upsert: { where: { id: "8", tenantId: A }, create: { title: "c" }, update: { title: "u" } },
        create: { title: "new" },
      },
    });
  });

  test("writes from a global model into a tenant-owned relation are scoped too", () => {
    const out = scopeArgs(
      models,
      "User",
      "update",
      { where: { id: "u" }, data: { assignedCases: { connect: { id: "9" } } } },
      A,
    );
    expect(out).toEqual({ where: { id: "u" }, data: { assignedCases: { connect: { id: "9", tenantId: A } } } });
  });

  test("global models are not filtered", () => {
    expect(scopeArgs(models, "Tenant", "findMany", { where: { slug: "x" } }, A)).toEqual({ where: { slug: "x" } });
  });

  test("unknown nested operations are refused rather than passed through unscoped", () => {
    expect(() =>
      scopeArgs(models, "Citizen", "update", { where: { id: "c" }, data: { cases: { teleport: {} } } }, A),
    ).toThrow(TenantScopeError);
  });

  test("unknown top-level operations on tenant-owned models are refused", () => {
    expect(() => scopeArgs(models, "Citizen", "findRaw", {}, A)).toThrow(TenantScopeError);
  });
});
