// Which models are tenant-owned, read from the Prisma client's own data model so a new model
// is covered by the tenant scope (and by the cross-tenant test suite) the moment it exists.
//
// Rule: a model with a `tenantId` field is tenant-owned, except the identity models below,
// which join users to tenants and must be readable before any tenant is chosen (sign-in,
// the tenant switcher). Their access is checked by the identity layer instead, and the
// memberships table still has RLS (20261202050000_memberships_rls): it shows the rows of the
// tenant set (app.tenant_id), the current user's own rows (app.user_id) and, to a child tenant,
// its ancestors' inheriting rows; it writes only in the tenant set. So read and write them
// through db.forTenant(ctx) (or a transaction setting app.user_id, as listMemberships does).
export const GLOBAL_MODELS_WITH_TENANT_ID: ReadonlySet<string> = new Set(["Membership"]);

export const TENANT_FIELD = "tenantId";

type RuntimeField = { name: string; kind: string; type: string; dbName?: string | null; relationName?: string };
type RuntimeModel = { fields: RuntimeField[]; dbName?: string | null };
export type RuntimeDataModel = { models: Record<string, RuntimeModel> };

export type ModelMeta = {
  name: string;
  table: string;
  tenantOwned: boolean;
  /** Relation field name → related model name. */
  relations: Map<string, string>;
};

export type TenantModelMap = Map<string, ModelMeta>;

export function buildModelMap(dataModel: RuntimeDataModel): TenantModelMap {
  const map: TenantModelMap = new Map();
  for (const [name, model] of Object.entries(dataModel.models)) {
    const relations = new Map<string, string>();
    for (const f of model.fields) if (f.kind === "object") relations.set(f.name, f.type);
    map.set(name, {
      name,
      table: model.dbName ?? name,
      tenantOwned: model.fields.some((f) => f.name === TENANT_FIELD) && !GLOBAL_MODELS_WITH_TENANT_ID.has(name),
      relations,
    });
  }
  return map;
}

/** Reads the data model a generated PrismaClient carries (an internal but long-stable field). */
export function runtimeDataModelOf(client: unknown): RuntimeDataModel {
  const dm = (client as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dm?.models)
    throw new Error(
      "Prisma client carries no runtime data model: the tenant scope cannot know which models to protect",
    );
  return dm;
}

export function tenantOwnedModels(map: TenantModelMap): ModelMeta[] {
  return [...map.values()].filter((m) => m.tenantOwned);
}
