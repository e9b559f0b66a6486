// Membership changes of one tenant run one at a time: the tenant row is locked first, so two
// concurrent demotions cannot both see "there is another owner" and leave none.
import type { TenantDb } from "@/lib/db";

export type TenantTx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

export async function lockTenant(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
}

export async function ownerCount(tx: TenantTx, tenantId: string): Promise<number> {
  return tx.membership.count({ where: { tenantId, role: "OWNER" } });
}
