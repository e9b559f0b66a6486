// A plan's monthly AI credits (lib/billing/plans.ts), granted once per tenant and calendar month
// (UTC): on the tenant's creation, then by the daily allowance job. Tenants with a live Stripe
// subscription are skipped: their credits come with each paid invoice (lib/billing/webhook).
// Exactly once: the allowance row's unique (tenant, month) is inserted ON CONFLICT DO
// NOTHING in the same statement as the ledger entry, which is written only FROM the inserted
// row (never ON CONFLICT on the ledger itself: its trigger moves the balance before the insert).
import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan } from "@/lib/generated/prisma/enums";
import { allowanceGrantSql, allowanceMonth } from "./allowance-sql";
import { ledgerActor } from "./shared";

/** Subscription states in which Stripe invoices bring the credits (no allowance then). */
export const INVOICED_STATUSES = ["active", "trialing", "past_due"] as const;

export type AllowanceResult =
  | { granted: bigint; month: string }
  | { granted: null; month: string; skipped: "already granted" | "invoiced by Stripe" | "no such tenant" };

export async function grantMonthlyAllowance(tenantId: string, at: Date = new Date()): Promise<AllowanceResult> {
  const month = allowanceMonth(at);
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(async (tx): Promise<AllowanceResult> => {
    const [tenant] = await tx.$queryRaw<{ plan: Plan; invoiced: boolean }[]>`
      SELECT t.plan, EXISTS (
               SELECT 1 FROM billing_accounts b
               WHERE b.tenant_id = t.id AND b.stripe_subscription_id IS NOT NULL
                 AND b.subscription_status IN (${Prisma.join([...INVOICED_STATUSES])})) AS invoiced
      FROM tenants t WHERE t.id = ${tenantId}::uuid`;
    if (!tenant) return { granted: null, month, skipped: "no such tenant" };
    if (tenant.invoiced) return { granted: null, month, skipped: "invoiced by Stripe" };
    const [row] = await tx.$queryRaw<{ granted: string | null }[]>(
      allowanceGrantSql(tenantId, tenant.plan, month, ledgerActor()),
    );
    return row?.granted
      ? { granted: BigInt(row.granted), month }
      : { granted: null, month, skipped: "already granted" };
  });
}
