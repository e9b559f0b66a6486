// The statement that grants a plan's monthly allowance (grant-monthly-allowance.ts), apart from
// the database client so the demo seed, which lib/db itself loads, can use it without a cycle.
import { auditInsertSql } from "@/lib/audit/record";
import { planDefinition } from "@/lib/billing/plans";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan } from "@/lib/generated/prisma/enums";

export type LedgerActor = { actorId: string | null; actorType: string; requestId: string | null };

/** The first day (UTC) of the month `at` falls in, as YYYY-MM-DD. */
export function allowanceMonth(at: Date = new Date()): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

/**
 * The statement that grants `plan`'s allowance for `month` unless it was granted already; its
 * one row says how many credits it granted (null: none). For callers inside a tenant transaction.
 */
export function allowanceGrantSql(tenantId: string, plan: Plan, month: string, actor: LedgerActor): Prisma.Sql {
  const def = planDefinition(plan);
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
