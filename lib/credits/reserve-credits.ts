// Reserves the most a call can cost before it is made (DESIGN.md invariant 4). The debit is ONE
// statement: the reservation row and its ledger entry are inserted together and the ledger
// trigger moves the balance only `WHERE balance + delta >= 0` on the row it locks, so
// concurrent reserves of one tenant can never overdraw it.
import "server-only";
import { randomUUID } from "node:crypto";
import type { AiFeature } from "@/lib/ai/features";
import { auditInsertSql } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { PaymentRequiredError, RateLimitedError, ValidationError } from "@/lib/errors";
import { maxCostCredits } from "@/lib/usage/pricing";
import { PAST_DUE_GRACE_DAYS } from "@/lib/billing/past-due";
import { loadPriceSnapshot } from "@/lib/usage/price-snapshot";
import { readCreditBalance } from "./read-credit-balance";
import { ASYNC_COMMIT, billingUrl, isInsufficientCredits, ledgerActor, type Tx } from "./shared";

export type CreditContext = { tenantId: string; userId?: string | null };

export type MonthlyLimits = { tenantMonthly?: number | null; userMonthly?: number | null };

export type ReserveCreditsInput = {
  feature: AiFeature;
  model: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  batch?: boolean;
  /** Credits per calendar month (UTC) for this feature; null/undefined = no limit. */
  limits?: MonthlyLimits;
};

export type Reservation = { id: string; credits: bigint };

const monthStart = (now = new Date()) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const secondsToNextMonth = (now = new Date()) =>
  Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - now.getTime()) / 1000);

/**
 * Settled cost this month plus what open reservations hold. Read, then reserved: two calls
 * racing at the limit can both pass by one call's worth (a soft cap; the balance is the hard one).
 */
async function assertWithinLimits(tx: Tx, ctx: CreditContext, input: ReserveCreditsInput, needed: bigint) {
  const { tenantMonthly, userMonthly } = input.limits ?? {};
  if (tenantMonthly == null && userMonthly == null) return;
  const since = monthStart();
  const userId = ctx.userId ?? null;
  const rows = await tx.$queryRaw<{ tenant: bigint; user: bigint }[]>`
    SELECT
      (SELECT COALESCE(CEIL(SUM(cost_credits)), 0) FROM ai_usage WHERE feature = ${input.feature} AND created_at >= ${since})::bigint
      + (SELECT COALESCE(SUM(credits), 0) FROM credit_reservations WHERE feature = ${input.feature} AND status = 'open')::bigint AS tenant,
      (SELECT COALESCE(CEIL(SUM(cost_credits)), 0) FROM ai_usage WHERE feature = ${input.feature} AND created_at >= ${since} AND user_id = ${userId}::uuid)::bigint
      + (SELECT COALESCE(SUM(credits), 0) FROM credit_reservations WHERE feature = ${input.feature} AND status = 'open' AND user_id = ${userId}::uuid)::bigint AS user`;
  const used = rows[0] ?? { tenant: 0n, user: 0n };
  const check = (limit: number | null | undefined, spent: bigint, who: string) => {
    if (limit != null && spent + needed > BigInt(limit))
      throw new RateLimitedError(
        `The ${who} monthly limit for ${input.feature} (${limit} credits) is reached: ${spent} used this month, this call needs up to ${needed}.`,
        secondsToNextMonth(),
      );
  };
  check(tenantMonthly, used.tenant, "organisation's");
  check(userMonthly, used.user, "per-person");
}

/** A payment failed more than the grace period ago (the Stripe webhook keeps past_due_since). */
async function assertNotPausedForPayment(tx: Tx, ctx: CreditContext) {
  const [row] = await tx.$queryRaw<{ since: Date; slug: string }[]>`
    SELECT a.past_due_since AS since, t.slug FROM billing_accounts a JOIN tenants t ON t.id = a.tenant_id
    WHERE a.tenant_id = ${ctx.tenantId}::uuid
      AND a.past_due_since <= now() - make_interval(days => ${PAST_DUE_GRACE_DAYS}::int)
    LIMIT 1`;
  if (row)
    throw new PaymentRequiredError(
      `AI is paused: a payment has been overdue for more than ${PAST_DUE_GRACE_DAYS} days. Update the payment method on the billing page; everything else keeps working.`,
      { details: { billingUrl: billingUrl(row.slug), pastDueSince: row.since.toISOString() } },
    );
}

function validate(input: ReserveCreditsInput) {
  const bad = (n: number) => !Number.isInteger(n) || n < 0 || n > 10_000_000;
  const fieldErrors: Record<string, string[]> = {};
  if (bad(input.maxInputTokens)) fieldErrors.maxInputTokens = ["A whole number of tokens from 0 to 10,000,000"];
  if (bad(input.maxOutputTokens)) fieldErrors.maxOutputTokens = ["A whole number of tokens from 0 to 10,000,000"];
  if (Object.keys(fieldErrors).length)
    throw new ValidationError("The reservation's token limits are not valid", fieldErrors);
}

export async function reserveCredits(ctx: CreditContext, input: ReserveCreditsInput): Promise<Reservation> {
  validate(input);
  const db = await getDb();
  const id = randomUUID();
  const actor = ledgerActor();
  let needed = 0n;
  try {
    return await db.forTenant(ctx).$tenantTransaction(async (tx) => {
      await tx.$executeRawUnsafe(ASYNC_COMMIT);
      await assertNotPausedForPayment(tx, ctx);
      const price = await loadPriceSnapshot(tx, ctx.tenantId, input.model);
      needed = maxCostCredits(input.maxInputTokens, input.maxOutputTokens, price, input.batch ?? false);
      await assertWithinLimits(tx, ctx, input, needed);
      // One statement takes both of the tenant's hot locks (balance row, audit chain head) and
      // is the last before COMMIT: other calls of the tenant wait for this statement only.
      const audit = auditInsertSql(
        {
          tenantId: ctx.tenantId,
          action: "credits.reserved",
          targetType: "credit_reservation",
          targetId: id,
          data: { feature: input.feature, model: input.model, credits: Number(needed) },
        },
        { after: "l" },
      );
      await tx.$executeRaw`
        WITH r AS (
          INSERT INTO credit_reservations (tenant_id, id, user_id, feature, model, credits)
          VALUES (${ctx.tenantId}::uuid, ${id}::uuid, ${ctx.userId ?? null}::uuid, ${input.feature}, ${input.model}, ${needed})
          RETURNING tenant_id, id, credits),
        l AS (
          INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id, reservation_id)
          SELECT tenant_id, gen_random_uuid(), 'reserve', -credits, ${actor.actorId}::uuid, ${actor.actorType},
                 ${input.feature}, ${actor.requestId}, id
          FROM r RETURNING 1),
        a AS (${audit} RETURNING 1)
        SELECT 1 FROM a`;
      return { id, credits: needed };
    });
  } catch (err) {
    if (!isInsufficientCredits(err)) throw err;
    const { balance } = await readCreditBalance(ctx);
    const tenant = await db.tenant.findUnique({ where: { id: ctx.tenantId }, select: { slug: true } });
    throw new PaymentRequiredError(`Not enough AI credits: this needs up to ${needed}, the balance is ${balance}.`, {
      details: { billingUrl: billingUrl(tenant?.slug ?? ""), needed: Number(needed), balance: Number(balance) },
    });
  }
}
