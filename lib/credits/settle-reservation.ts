// Settles a reservation to the tokens actually used, in ONE transaction: the ai_usage row
// (price snapshot taken now, request id from the context), a refund of the whole hold and a
// settle entry charging min(ceil(cost), held), both pointing at the usage row. Refund first,
// then charge, so the balance never dips below zero in between. Settling a closed reservation
// changes nothing and reports what was charged (idempotent: a retry after a lost reply is safe).
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { TokenCounts } from "@/lib/usage/pricing";
import { loadPriceSnapshot } from "@/lib/usage/price-snapshot";
import { balanceIn } from "./read-credit-balance";
import type { CreditContext } from "./reserve-credits";
import { ledgerActor, type Tx } from "./shared";

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
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    // Row lock: a concurrent second settle waits here, then sees the status and stops.
    const held = await tx.$queryRaw<Held[]>`
      UPDATE credit_reservations SET status = 'settled', closed_at = now(), usage_id = ${usageId}::uuid
      WHERE id = ${reservationId}::uuid AND status = 'open'
      RETURNING credits, feature, user_id::text AS "userId"`;
    if (!held[0]) return alreadyClosed(tx, reservationId);
    const { credits, feature, userId } = held[0];
    const p = await loadPriceSnapshot(tx, ctx.tenantId, input.model);
    const u = input.usage;
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
        RETURNING LEAST(CEIL(cost_credits)::bigint, ${credits}::bigint) AS charge)
      SELECT charge FROM u`;
    const charge = charged?.charge ?? 0n;
    await tx.$executeRaw`
      WITH l AS (
        INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id, usage_id, reservation_id)
        VALUES
          (${ctx.tenantId}::uuid, gen_random_uuid(), 'refund', ${credits}::bigint, ${actor.actorId}::uuid, ${actor.actorType},
           ${`release of hold (${input.outcome})`}, ${actor.requestId}, ${usageId}::uuid, ${reservationId}::uuid),
          (${ctx.tenantId}::uuid, gen_random_uuid(), 'settle', -${charge}::bigint, ${actor.actorId}::uuid, ${actor.actorType},
           ${feature}, ${actor.requestId}, ${usageId}::uuid, ${reservationId}::uuid)
        RETURNING 1)
      UPDATE credit_reservations SET credits_used = ${charge}::bigint WHERE id = ${reservationId}::uuid`;
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "credits.settled",
      targetType: "credit_reservation",
      targetId: reservationId,
      data: { usageId, outcome: input.outcome, reserved: Number(credits), charged: Number(charge) },
    });
    const { balance } = await balanceIn(tx);
    return { creditsUsed: charge, balance, usageId };
  });
}
