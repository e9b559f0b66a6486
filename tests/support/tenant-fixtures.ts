// One fixture per tenant-owned model: how to create a row of it inside a tenant, and a
// harmless update. The cross-tenant suite enumerates tenant-owned models from the Prisma
// data model and fails when a model has no fixture here, so a new model cannot slip past it.
import type { TenantDb } from "../../lib/db/tenant-extension";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

export type TenantFixture = {
  /** Creates one row in the transaction's tenant and returns its id. */
  create(tx: Tx, tenantId: string, label: string): Promise<{ id: string }>;
  /** A valid `data` for update/updateMany. */
  update: Record<string, unknown>;
};

async function citizen(tx: Tx, tenantId: string, label: string) {
  return tx.citizen.create({ data: { tenantId, firstName: "Probe", lastName: label, email: `${label}@example.org` } });
}

export const TENANT_FIXTURES: Record<string, TenantFixture> = {
  Citizen: { create: citizen, update: { city: "Probeville" } },
  Case: {
    async create(tx, tenantId, label) {
      const c = await citizen(tx, tenantId, `${label}-owner`);
      return tx.case.create({ data: { tenantId, citizenId: c.id, title: `Case ${label}` } });
    },
    update: { title: "Probed" },
  },
};
