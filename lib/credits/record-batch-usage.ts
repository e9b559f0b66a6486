// The results of a Message Batch: ONE INSERT for all its usage rows (unnest of column arrays,
// each row snapshotting the batch price and keeping its exact cost), then the batch's
// reservation is settled to their total: refund of the hold, one settle entry for
// min(ceil(Σ cost), held). One transaction. The sum is rounded once, not each result: a
// classification costs well under a credit, so rounding each result up charged 1 credit per
// result at the batch price and at the full price alike, and the batch discount vanished.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { TokenCounts } from "@/lib/usage/pricing";
import { loadPriceSnapshot } from "@/lib/usage/price-snapshot";
import { balanceIn } from "./read-credit-balance";
import type { CreditContext } from "./reserve-credits";
import { validateTokens, type UsageOutcome } from "./settle-reservation";
import { ledgerActor } from "./shared";

export type BatchUsageRow = TokenCounts & { outcome: UsageOutcome; latencyMs: number; userId?: string | null };

export async function recordBatchUsage(
  ctx: CreditContext,
  input: { reservationId: string; model: string; rows: BatchUsageRow[] },
): Promise<{ rows: number; creditsUsed: bigint; balance: bigint }> {
  if (input.rows.length === 0) throw new ValidationError("A batch has at least one result", { rows: ["Empty"] });
  for (const r of input.rows) validateTokens(r, r.latencyMs);
  const db = await getDb();
  const actor = ledgerActor();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const held = await tx.$queryRaw<{ credits: bigint; feature: string }[]>`
      UPDATE credit_reservations SET status = 'settled', closed_at = now()
      WHERE id = ${input.reservationId}::uuid AND status = 'open' RETURNING credits, feature`;
    if (!held[0]) {
      const exists = await tx.$queryRaw<
        unknown[]
      >`SELECT 1 FROM credit_reservations WHERE id = ${input.reservationId}::uuid`;
      if (!exists[0]) throw new NotFoundError("Credit reservation not found");
      throw new ConflictError("This batch's credits were already settled");
    }
    const { credits, feature } = held[0];
    const p = await loadPriceSnapshot(tx, ctx.tenantId, input.model);
    const col = <K extends keyof BatchUsageRow>(k: K) => input.rows.map((r) => r[k] ?? 0);
    const sums = await tx.$queryRaw<{ charge: bigint; n: number }[]>`
      WITH u AS (
        INSERT INTO ai_usage (tenant_id, id, user_id, feature, model, input_tokens, output_tokens, cache_read_tokens,
          cache_write_tokens, latency_ms, outcome, request_id, batch, reservation_id, price_input_per_mtok,
          price_output_per_mtok, price_cache_read_per_mtok, price_cache_write_per_mtok, tier_multiplier,
          region_multiplier, batch_discount)
        SELECT ${ctx.tenantId}::uuid, gen_random_uuid(), NULLIF(x.user_id, '')::uuid, ${feature}, ${input.model},
          x.i, x.o, x.cr, x.cw, x.l, x.outcome, ${actor.requestId}, true, ${input.reservationId}::uuid,
          ${p.inputPerMtok}::numeric, ${p.outputPerMtok}::numeric, ${p.cacheReadPerMtok}::numeric,
          ${p.cacheWritePerMtok}::numeric, ${p.tierMultiplier}::numeric, ${p.regionMultiplier}::numeric,
          ${p.batchDiscount}::numeric
        FROM unnest(${input.rows.map((r) => r.userId ?? ctx.userId ?? "")}::text[], ${col("inputTokens")}::int[],
          ${col("outputTokens")}::int[], ${col("cacheReadTokens")}::int[], ${col("cacheWriteTokens")}::int[],
          ${col("latencyMs")}::int[], ${col("outcome")}::text[]) AS x(user_id, i, o, cr, cw, l, outcome)
        RETURNING cost_credits AS c)
      SELECT LEAST(CEIL(COALESCE(SUM(c), 0)), ${credits}::bigint)::bigint AS charge, COUNT(*)::int AS n FROM u`;
    const sum = sums[0] ?? { charge: 0n, n: 0 };
    const settleId = randomUUID();
    await tx.$executeRaw`
      WITH l AS (
        INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id, reservation_id)
        VALUES
          (${ctx.tenantId}::uuid, gen_random_uuid(), 'refund', ${credits}::bigint, ${actor.actorId}::uuid, ${actor.actorType},
           'release of batch hold', ${actor.requestId}, ${input.reservationId}::uuid),
          (${ctx.tenantId}::uuid, ${settleId}::uuid, 'settle', -${sum.charge}::bigint, ${actor.actorId}::uuid, ${actor.actorType},
           ${`${feature} batch of ${sum.n}`}, ${actor.requestId}, ${input.reservationId}::uuid)
        RETURNING 1)
      UPDATE credit_reservations SET credits_used = ${sum.charge}::bigint WHERE id = ${input.reservationId}::uuid`;
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "credits.batch_settled",
      targetType: "credit_reservation",
      targetId: input.reservationId,
      data: { rows: sum.n, reserved: Number(credits), charged: Number(sum.charge) },
    });
    return { rows: sum.n, creditsUsed: sum.charge, balance: (await balanceIn(tx)).balance };
  });
}
