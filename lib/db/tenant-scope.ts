// Wall one of tenant isolation: rewrites the arguments of every Prisma operation on a
// tenant-owned model so it can only see or touch the context tenant's rows. Pure functions,
// unit-tested on their own; lib/db/tenant-extension.ts applies them to every query.
//
// Nested reads need no rewrite: relations between tenant-owned models use composite keys
// (tenant_id, id), so everything reachable from one of the tenant's rows is the tenant's.
// Nested writes do: `connect`, `set`, `connectOrCreate`, `update`, `delete`… name rows by a
// unique key, which could be another tenant's row, so the tenant is added to each of those.
import type { TenantModelMap } from "./tenant-models";
import { TENANT_FIELD } from "./tenant-models";

type Args = Record<string, unknown>;
type Where = Record<string, unknown>;

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TenantScopeError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

function scopeWhere(where: unknown, tenantId: string): Where {
  // Spreading then setting means a caller-supplied tenantId can never widen the scope.
  return { ...(isObject(where) ? where : {}), [TENANT_FIELD]: tenantId };
}

const mapOneOrMany = (value: unknown, fn: (v: unknown) => unknown) =>
  Array.isArray(value) ? value.map(fn) : fn(value);

const WHERE_OPS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

/** Rewrites the arguments of `operation` on `model` for tenant `tenantId`. */
export function scopeArgs(
  models: TenantModelMap,
  model: string,
  operation: string,
  args: Args | undefined,
  tenantId: string,
): Args {
  const meta = models.get(model);
  const a: Args = { ...(args ?? {}) };
  if (!meta) return a;
  if (!meta.tenantOwned) {
    // Global models (users, tenants) are not filtered, but their nested writes into
    // tenant-owned relations still are.
    if ("data" in a) a.data = mapOneOrMany(a.data, (d) => scopeNestedWrites(models, model, d, tenantId));
    if ("create" in a) a.create = scopeNestedWrites(models, model, a.create, tenantId);
    if ("update" in a) a.update = scopeNestedWrites(models, model, a.update, tenantId);
    return a;
  }

  if (WHERE_OPS.has(operation)) a.where = scopeWhere(a.where, tenantId);
  switch (operation) {
    case "create":
      a.data = scopeCreateData(models, model, a.data, tenantId);
      break;
    case "createMany":
    case "createManyAndReturn":
      a.data = mapOneOrMany(a.data, (d) => ({ ...(isObject(d) ? d : {}), [TENANT_FIELD]: tenantId }));
      break;
    case "update":
    case "updateMany":
    case "updateManyAndReturn":
      a.data = scopeUpdateData(models, model, a.data, tenantId);
      break;
    case "upsert":
      a.where = scopeWhere(a.where, tenantId);
      a.create = scopeCreateData(models, model, a.create, tenantId);
      a.update = scopeUpdateData(models, model, a.update, tenantId);
      break;
    default:
      if (!WHERE_OPS.has(operation))
        throw new TenantScopeError(
          `Operation ${operation} on tenant-owned model ${model} is not supported by the tenant scope`,
        );
  }
  return a;
}

/** Top-level create: the row belongs to the context tenant whatever the caller wrote. */
function scopeCreateData(models: TenantModelMap, model: string, data: unknown, tenantId: string): Args {
  const meta = models.get(model)!;
  const d: Args = { ...(isObject(data) ? data : {}) };
  const checked = Object.keys(d).some((k) => meta.relations.has(k));
  if (checked) {
    // Relation-style input cannot be mixed with scalar foreign keys, so connect the tenant.
    d.tenant = { connect: { id: tenantId } };
    delete d[TENANT_FIELD];
  } else {
    d[TENANT_FIELD] = tenantId;
  }
  return scopeNestedWrites(models, model, d, tenantId) as Args;
}

function scopeUpdateData(models: TenantModelMap, model: string, data: unknown, tenantId: string): Args {
  const d: Args = { ...(isObject(data) ? data : {}) };
  // Moving a row to another tenant is never allowed through the scoped client.
  if (TENANT_FIELD in d || "tenant" in d) throw new TenantScopeError(`The tenant of a ${model} row cannot be changed`);
  return scopeNestedWrites(models, model, d, tenantId) as Args;
}

/** Walks relation fields of a create/update payload and scopes each nested operation. */
function scopeNestedWrites(models: TenantModelMap, model: string, data: unknown, tenantId: string): unknown {
  const meta = models.get(model);
  if (!meta || !isObject(data)) return data;
  const out: Args = { ...data };
  for (const [field, value] of Object.entries(data)) {
    const related = meta.relations.get(field);
    if (!related || !isObject(value)) continue;
    const relatedMeta = models.get(related);
    out[field] = relatedMeta?.tenantOwned
      ? scopeRelationOps(models, related, value, tenantId)
      : scopeGlobalRelationOps(models, related, value, tenantId);
  }
  return out;
}

function scopeRelationOps(models: TenantModelMap, related: string, ops: Args, tenantId: string): Args {
  const w = (v: unknown) => scopeWhere(v, tenantId);
  const nested = (v: unknown) => scopeNestedWrites(models, related, v, tenantId);
  const out: Args = {};
  for (const [op, value] of Object.entries(ops)) {
    switch (op) {
      case "create":
        out[op] = mapOneOrMany(value, nested);
        break;
      case "createMany":
        out[op] = value;
        break;
      case "connect":
      case "set":
      case "deleteMany":
        out[op] = mapOneOrMany(value, w);
        break;
      case "disconnect":
      case "delete":
        out[op] = typeof value === "boolean" ? value : mapOneOrMany(value, w);
        break;
      case "connectOrCreate":
        out[op] = mapOneOrMany(value, (v) => (isObject(v) ? { ...v, where: w(v.where), create: nested(v.create) } : v));
        break;
      case "update":
      case "updateMany":
        out[op] = mapOneOrMany(value, (v) =>
          isObject(v) && "data" in v ? { ...v, where: w(v.where), data: nested(v.data) } : nested(v),
        );
        break;
      case "upsert":
        out[op] = mapOneOrMany(value, (v) =>
          isObject(v)
            ? { ...v, ...(v.where ? { where: w(v.where) } : {}), create: nested(v.create), update: nested(v.update) }
            : v,
        );
        break;
      default:
        throw new TenantScopeError(`Nested operation ${op} on ${related} is not supported by the tenant scope`);
    }
  }
  return out;
}

/** Nested ops into a global model: nothing to filter there, but recurse for deeper tenant-owned writes. */
function scopeGlobalRelationOps(models: TenantModelMap, related: string, ops: Args, tenantId: string): Args {
  const out: Args = { ...ops };
  for (const op of ["create", "update", "upsert", "connectOrCreate"]) {
    if (op in out) out[op] = mapOneOrMany(out[op], (v) => scopeNestedWrites(models, related, v, tenantId));
  }
  return out;
}
