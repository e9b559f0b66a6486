// Settles a reservation to the tokens actually used, in ONE statement: the ai_usage row
// (price snapshot taken now, request id from the context), a refund of the whole hold and a
// settle entry charging min(ceil(cost), held), both pointing at the usage row. Refund first,
// then charge, so the balance never dips below zero in between. Settling a closed reservation
// changes nothing and reports what was charged (idempotent: a retry after a lost reply is safe).
import "server-only";
import { randomUUID } from "node:crypto";
import { auditInsertSql } from "@/lib/audit/record";
import { tenantQuery } from "@/lib/db/tenant-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { tenantPipeline } from "@/lib/db/tenant-pipeline";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { TokenCounts } from "@/lib/usage/pricing";
import { priceSnapshotSql } from "@/lib/usage/price-snapshot";
import type { CreditContext } from "./reserve-credits";
import { CREDITS_PIPELINE, ledgerActor } from "./shared";

export type UsageOutcome = "ok" | "cancelled" | "error";

export type SettleInput = {
  usage: TokenCounts;
  model: string;
  outcome: UsageOutcome;
  latencyMs: number;
  batch?: boolean;
};

export type SettleResult = { creditsUsed: bigint; balance: bigint; usageId: string | null };

export function validateTokens(usage: TokenCounts, latencyMs: number) {
  // Only the counted fields: callers pass richer rows (a batch result carries its outcome too).
  const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = usage;
  const fields: Record<string, number | undefined> = {
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    latencyMs,
  };
  const fieldErrors: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 2_000_000_000))
      fieldErrors[k] = ["A whole number ≥ 0"];
  if (Object.keys(fieldErrors).length) throw new ValidationError("The usage figures are not valid", fieldErrors);
}

type Settled = { charge: string | null; held: string | null; priced: boolean; balance: string | null };

/** A reservation already closed (or not there): what it was charged, read afresh. */
async function readClosed(ctx: CreditContext, reservationId: string): Promise<SettleResult> {
  const [row] = await tenantQuery<{ used: string | null; usageId: string | null; balance: string | null }>(
    ctx.tenantId,
    Prisma.sql`
      SELECT r.credits_used::text AS used, r.usage_id::text AS "usageId",
             (SELECT balance::text FROM credit_balances WHERE tenant_id = ${ctx.tenantId}::uuid) AS balance
      FROM credit_reservations r WHERE r.tenant_id = ${ctx.tenantId}::uuid AND r.id = ${reservationId}::uuid`,
  );
  if (!row) throw new NotFoundError("Credit reservation not found");
  return { creditsUsed: BigInt(row.used ?? 0), balance: BigInt(row.balance ?? 0), usageId: row.usageId };
}

export async function settleReservation(
  ctx: CreditContext,
  reservationId: string,
  input: SettleInput,
): Promise<SettleResult> {
  validateTokens(input.usage, input.latencyMs);
  const actor = ledgerActor();
  const usageId = randomUUID();
  const u = input.usage;
  const audit = auditInsertSql(
    {
      tenantId: ctx.tenantId,
      action: "credits.settled",
      targetType: "credit_reservation",
      targetId: reservationId,
      data: { usageId, outcome: input.outcome },
    },
    {
      after: "l",
      moreData: Prisma.sql`jsonb_build_object('reserved', (SELECT credits FROM h), 'charged', (SELECT charge FROM u))`,
    },
  );
  // ONE statement, sent with its COMMIT and the balance read (lib/db/tenant-pipeline.ts: one
  // round trip on PostgreSQL). Locks in the order every credits statement takes them: the
  // reservation row (FOR UPDATE: a concurrent second settle waits here, then finds it no longer
  // open and writes nothing), the balance row (ledger trigger), the audit chain head.
  const settleSql = Prisma.sql`
    WITH h AS (
      SELECT credits, feature, user_id FROM credit_reservations
      WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${reservationId}::uuid AND status = 'open'
      FOR UPDATE),
    p AS (${priceSnapshotSql(ctx.tenantId, input.model)}),
    u AS (
      INSERT INTO ai_usage (tenant_id, id, user_id, feature, model, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, latency_ms, outcome, request_id, batch, reservation_id, price_input_per_mtok,
        price_output_per_mtok, price_cache_read_per_mtok, price_cache_write_per_mtok, tier_multiplier,
        region_multiplier, batch_discount)
      SELECT ${ctx.tenantId}::uuid, ${usageId}::uuid, h.user_id, h.feature, ${input.model}, ${u.inputTokens},
        ${u.outputTokens}, ${u.cacheReadTokens ?? 0}, ${u.cacheWriteTokens ?? 0}, ${input.latencyMs}, ${input.outcome},
        ${actor.requestId}, ${input.batch ?? false}, ${reservationId}::uuid, p."inputPerMtok"::numeric,
        p."outputPerMtok"::numeric, p."cacheReadPerMtok"::numeric, p."cacheWritePerMtok"::numeric,
        p."tierMultiplier"::numeric, p."regionMultiplier"::numeric, p."batchDiscount"::numeric
      FROM h CROSS JOIN p
      RETURNING LEAST(CEIL(cost_credits)::bigint, (SELECT credits FROM h)) AS charge),
    l AS (
      -- Refund first, then charge (rows are inserted, and the balance trigger runs, in this order).
      INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id, usage_id, reservation_id)
      SELECT ${ctx.tenantId}::uuid, gen_random_uuid(), e.kind::"CreditLedgerKind", e.delta, ${actor.actorId}::uuid,
             ${actor.actorType}, e.reason, ${actor.requestId}, ${usageId}::uuid, ${reservationId}::uuid
      FROM u CROSS JOIN h CROSS JOIN LATERAL (VALUES
        (1, 'refund', h.credits, ${`release of hold (${input.outcome})`}),
        (2, 'settle', -u.charge, h.feature)) AS e(n, kind, delta, reason)
      ORDER BY e.n
      RETURNING 1),
    r AS (
      UPDATE credit_reservations
      SET status = 'settled', closed_at = now(), usage_id = ${usageId}::uuid, credits_used = (SELECT charge FROM u)
      WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${reservationId}::uuid AND EXISTS (SELECT 1 FROM u)
      RETURNING 1),
    a AS (${audit} RETURNING 1)
    SELECT (SELECT charge FROM u)::text AS charge, (SELECT credits FROM h)::text AS held,
           EXISTS (SELECT 1 FROM p) AS priced, (SELECT count(*) FROM a)::text AS audited, (SELECT count(*) FROM r)::text AS closed`;
  const balanceSql = Prisma.sql`SELECT balance::text FROM credit_balances WHERE tenant_id = ${ctx.tenantId}::uuid`;
  const [[row], [bal]] = await tenantPipeline(
    ctx.tenantId,
    (tx) => tx.finishThenRead<Settled, { balance: string }>(settleSql, balanceSql),
    CREDITS_PIPELINE,
  );
  if (row?.held == null) return readClosed(ctx, reservationId);
  // The reservation was open but the model has no price: the statement wrote nothing.
  if (!row.priced)
    throw new ValidationError(`No price is set for the model "${input.model}"`, { model: ["Unknown model"] });
  return { creditsUsed: BigInt(row.charge ?? 0), balance: BigInt(bal?.balance ?? 0), usageId };
}
