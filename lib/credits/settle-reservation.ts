// Settles a reservation to the tokens actually used, in ONE transaction: the ai_usage row
// (price snapshot taken now, request id from the context), a refund of the whole hold and a
// settle entry charging min(ceil(cost), held), both pointing at the usage row. Refund first,
// then charge, so the balance never dips below zero in between. Settling a closed reservation
// changes nothing and reports what was charged (idempotent: a retry after a lost reply is safe).
import "server-only";
import { randomUUID } from "node:crypto";
import { auditInsertSql } from "@/lib/audit/record";
import { tenantQuery } from "@/lib/db/tenant-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { TokenCounts } from "@/lib/usage/pricing";
import { loadPriceSnapshot } from "@/lib/usage/price-snapshot";
import { balanceIn } from "./read-credit-balance";
import type { CreditContext } from "./reserve-credits";
import { ASYNC_COMMIT, ledgerActor, type Tx } from "./shared";

export type UsageOutcome = "ok" | "cancelled" | "error";

export type SettleInput = {
  usage: TokenCounts;
  model: string;
  outcome: UsageOutcome;
  latencyMs: number;
  batch?: boolean;
};

export type SettleResult = { creditsUsed: bigint; balance: bigint; usageId: string | null };

type Held = { credits: bigint; feature: string; userId: string | null };

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

async function alreadyClosed(tx: Tx, reservationId: string): Promise<SettleResult> {
  const rows = await tx.$queryRaw<{ used: bigint | null; usageId: string | null }[]>`
    SELECT credits_used AS used, usage_id::text AS "usageId" FROM credit_reservations WHERE id = ${reservationId}::uuid`;
  if (!rows[0]) throw new NotFoundError("Credit reservation not found");
  const { balance } = await balanceIn(tx);
  return { creditsUsed: rows[0].used ?? 0n, balance, usageId: rows[0].usageId };
}

export async function settleReservation(
  ctx: CreditContext,
  reservationId: string,
  input: SettleInput,
): Promise<SettleResult> {
  validateTokens(input.usage, input.latencyMs);
  const db = await getDb();
  const actor = ledgerActor();
  const usageId = randomUUID();
  const settled = await db.forTenant(ctx).$tenantTransaction(async (tx): Promise<SettleResult | { charge: bigint }> => {
    await tx.$executeRawUnsafe(ASYNC_COMMIT);
    // Row lock: a concurrent second settle waits here, then sees the status and stops.
    const held = await tx.$queryRaw<Held[]>`
      UPDATE credit_reservations SET status = 'settled', closed_at = now(), usage_id = ${usageId}::uuid
      WHERE id = ${reservationId}::uuid AND status = 'open'
      RETURNING credits, feature, user_id::text AS "userId"`;
    if (!held[0]) return alreadyClosed(tx, reservationId);
    const { credits, feature, userId } = held[0];
    const p = await loadPriceSnapshot(tx, ctx.tenantId, input.model);
    const u = input.usage;
    // One statement from the usage row to the audit event: the tenant's hot locks (balance row,
    // audit chain head) are taken here, last before COMMIT, and held for this statement only.
    const audit = auditInsertSql(
      {
        tenantId: ctx.tenantId,
        action: "credits.settled",
        targetType: "credit_reservation",
        targetId: reservationId,
        data: { usageId, outcome: input.outcome, reserved: Number(credits) },
      },
      { after: "l", moreData: Prisma.sql`jsonb_build_object('charged', (SELECT charge FROM u))` },
    );
    const [charged] = await tx.$queryRaw<{ charge: bigint }[]>`
      WITH u AS (
        INSERT INTO ai_usage (tenant_id, id, user_id, feature, model, input_tokens, output_tokens, cache_read_tokens,
          cache_write_tokens, latency_ms, outcome, request_id, batch, reservation_id, price_input_per_mtok,
          price_output_per_mtok, price_cache_read_per_mtok, price_cache_write_per_mtok, tier_multiplier,
          region_multiplier, batch_discount)
        VALUES (${ctx.tenantId}::uuid, ${usageId}::uuid, ${userId}::uuid, ${feature}, ${input.model}, ${u.inputTokens},
          ${u.outputTokens}, ${u.cacheReadTokens ?? 0}, ${u.cacheWriteTokens ?? 0}, ${input.latencyMs}, ${input.outcome},
          ${actor.requestId}, ${input.batch ?? false}, ${reservationId}::uuid, ${p.inputPerMtok}::numeric,
          ${p.outputPerMtok}::numeric, ${p.cacheReadPerMtok}::numeric, ${p.cacheWritePerMtok}::numeric,
          ${p.tierMultiplier}::numeric, ${p.regionMultiplier}::numeric, ${p.batchDiscount}::numeric)
        RETURNING LEAST(CEIL(cost_credits)::bigint, ${credits}::bigint) AS charge),
      l AS (
        -- Refund first, then charge (rows are inserted, and the balance trigger runs, in this order).
        INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id, usage_id, reservation_id)
        SELECT ${ctx.tenantId}::uuid, gen_random_uuid(), e.kind::"CreditLedgerKind", e.delta, ${actor.actorId}::uuid,
               ${actor.actorType}, e.reason, ${actor.requestId}, ${usageId}::uuid, ${reservationId}::uuid
        FROM u CROSS JOIN LATERAL (VALUES
          (1, 'refund', ${credits}::bigint, ${`release of hold (${input.outcome})`}),
          (2, 'settle', -u.charge, ${feature})) AS e(n, kind, delta, reason)
        ORDER BY e.n
        RETURNING 1),
      r AS (UPDATE credit_reservations SET credits_used = (SELECT charge FROM u) WHERE id = ${reservationId}::uuid RETURNING 1),
      a AS (${audit} RETURNING 1)
      SELECT (SELECT charge FROM u) AS charge FROM a`;
    return { charge: charged?.charge ?? 0n };
  });
  if ("creditsUsed" in settled) return settled;
  // Read after COMMIT, outside the tenant's locks: one pipelined round trip on PostgreSQL.
  const rows = await tenantQuery<{ balance: string }>(
    ctx.tenantId,
    Prisma.sql`SELECT balance::text FROM credit_balances WHERE tenant_id = ${ctx.tenantId}::uuid`,
  );
  return { creditsUsed: settled.charge, balance: BigInt(rows[0]?.balance ?? 0), usageId };
}
