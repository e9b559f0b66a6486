// A plan's monthly AI credits (lib/billing/plans.ts), granted once per tenant and calendar month
// (UTC): on the tenant's creation, then by the daily allowance job. Tenants with a live Stripe
// subscription are skipped: their credits come with each paid invoice (lib/billing/webhook).
// Exactly once: the allowance row's unique (tenant, month) is inserted ON CONFLICT DO
// NOTHING in the same statement as the ledger entry, which is written only FROM the inserted
// row (never ON CONFLICT on the ledger itself: its trigger moves the balance before the insert).
import "server-only";
import { auditInsertSql } from "@/lib/audit/record";
import { planDefinition } from "@/lib/billing/plans";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan } from "@/lib/generated/prisma/enums";
import { ledgerActor } from "./shared";

/** The first day (UTC) of the month `at` falls in, as YYYY-MM-DD. */
export function allowanceMonth(at: Date = new Date()): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

/** Subscription states in which Stripe invoices bring the credits (no allowance then). */
export const INVOICED_STATUSES = ["active", "trialing", "past_due"] as const;

/**
 * The statement that grants `plan`'s allowance for `month` unless it was granted already; its
 * one row says how many credits it granted (null: none). For callers inside a tenant transaction.
 */
export function allowanceGrantSql(tenantId: string, plan: Plan, month: string): Prisma.Sql {
  const def = planDefinition(plan);
  const actor = ledgerActor();
  const audit = auditInsertSql(
    {
      tenantId,
      action: "credits.allowance_granted",
      targetType: "tenant",
      targetId: tenantId,
      data: { month, plan, credits: def.monthlyCredits },
    },
    { after: "l" },
  );
  return Prisma.sql`
    WITH a AS (
      INSERT INTO credit_allowances (tenant_id, id, month, plan, credits)
      VALUES (${tenantId}::uuid, gen_random_uuid(), ${month}::date, ${plan}::"Plan", ${def.monthlyCredits}::bigint)
      ON CONFLICT (tenant_id, month) DO NOTHING
      RETURNING tenant_id, credits),
    l AS (
      INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id)
      SELECT tenant_id, gen_random_uuid(), 'grant', credits, ${actor.actorId}::uuid, ${actor.actorType},
             ${`Monthly allowance ${month.slice(0, 7)} (${def.name} plan)`}, ${actor.requestId}
      FROM a RETURNING 1),
    x AS (${audit} RETURNING 1)
    SELECT (SELECT credits FROM a)::text AS granted, (SELECT count(*) FROM x)::int AS audited`;
}

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
    const [row] = await tx.$queryRaw<{ granted: string | null }[]>(allowanceGrantSql(tenantId, tenant.plan, month));
    return row?.granted
      ? { granted: BigInt(row.granted), month }
      : { granted: null, month, skipped: "already granted" };
  });
}
