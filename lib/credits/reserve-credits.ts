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
import { tenantPipeline } from "@/lib/db/tenant-pipeline";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PriceSnapshot } from "@/lib/usage/pricing";
import { priceSnapshotFrom, priceSnapshotSql } from "@/lib/usage/price-snapshot";
import { readCreditBalance } from "./read-credit-balance";
import { billingUrl, CREDITS_PIPELINE, isInsufficientCredits, ledgerActor } from "./shared";

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
 * Settled cost this month plus what open reservations hold, per tenant and per user. Read, then
 * reserved: two calls racing at the limit can both pass by one call's worth (a soft cap; the
 * balance is the hard one).
 */
function monthlySpendSql(ctx: CreditContext, feature: AiFeature): Prisma.Sql {
  const since = monthStart();
  const userId = ctx.userId ?? null;
  return Prisma.sql`
    SELECT
      ((SELECT COALESCE(CEIL(SUM(cost_credits)), 0) FROM ai_usage WHERE feature = ${feature} AND created_at >= ${since})::bigint
      + (SELECT COALESCE(SUM(credits), 0) FROM credit_reservations WHERE feature = ${feature} AND status = 'open')::bigint)::text AS tenant,
      ((SELECT COALESCE(CEIL(SUM(cost_credits)), 0) FROM ai_usage WHERE feature = ${feature} AND created_at >= ${since} AND user_id = ${userId}::uuid)::bigint
      + (SELECT COALESCE(SUM(credits), 0) FROM credit_reservations WHERE feature = ${feature} AND status = 'open' AND user_id = ${userId}::uuid)::bigint)::text AS user`;
}

function assertWithinLimits(
  used: { tenant: string; user: string } | undefined,
  input: ReserveCreditsInput,
  needed: bigint,
) {
  const { tenantMonthly, userMonthly } = input.limits ?? {};
  const check = (limit: number | null | undefined, spent: bigint, who: string) => {
    if (limit != null && spent + needed > BigInt(limit))
      throw new RateLimitedError(
        `The ${who} monthly limit for ${input.feature} (${limit} credits) is reached: ${spent} used this month, this call needs up to ${needed}.`,
        secondsToNextMonth(),
      );
  };
  check(tenantMonthly, BigInt(used?.tenant ?? 0), "organisation's");
  check(userMonthly, BigInt(used?.user ?? 0), "per-person");
}

/** A payment failed more than the grace period ago (the Stripe webhook keeps past_due_since). */
function pausedForPaymentSql(ctx: CreditContext): Prisma.Sql {
  return Prisma.sql`
    SELECT (extract(epoch FROM a.past_due_since) * 1000)::bigint::text AS "sinceMs", t.slug
    FROM billing_accounts a JOIN tenants t ON t.id = a.tenant_id
    WHERE a.tenant_id = ${ctx.tenantId}::uuid
      AND a.past_due_since <= now() - make_interval(days => ${PAST_DUE_GRACE_DAYS}::int)
    LIMIT 1`;
}

function assertNotPausedForPayment(row: { sinceMs: string; slug: string } | undefined) {
  if (row)
    throw new PaymentRequiredError(
      `AI is paused: a payment has been overdue for more than ${PAST_DUE_GRACE_DAYS} days. Update the payment method on the billing page; everything else keeps working.`,
      { details: { billingUrl: billingUrl(row.slug), pastDueSince: new Date(Number(row.sinceMs)).toISOString() } },
    );
}

const hasLimits = (input: ReserveCreditsInput) =>
  input.limits?.tenantMonthly != null || input.limits?.userMonthly != null;

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
    // Two round trips on PostgreSQL: BEGIN + tenant + payment state + price (+ spend) together, then the debit
    // with its COMMIT (lib/db/tenant-pipeline.ts: the hot locks are held for the statement only).
    return await tenantPipeline(
      ctx.tenantId,
      async (tx) => {
        const [paused, priceRows, spend] = await Promise.all([
          tx.query<{ sinceMs: string; slug: string }>(pausedForPaymentSql(ctx)),
          tx.query<PriceSnapshot>(priceSnapshotSql(ctx.tenantId, input.model)),
          hasLimits(input) ? tx.query<{ tenant: string; user: string }>(monthlySpendSql(ctx, input.feature)) : [],
        ]);
        assertNotPausedForPayment(paused[0]);
        const price = priceSnapshotFrom(priceRows, input.model);
        needed = maxCostCredits(input.maxInputTokens, input.maxOutputTokens, price, input.batch ?? false);
        if (hasLimits(input)) assertWithinLimits(spend[0], input, needed);
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
        // One statement takes both of the tenant's hot locks (balance row, audit chain head),
        // ordered ledger → audit by the CTE dependency.
        await tx.finish(Prisma.sql`
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
          SELECT 1 FROM a`);
        return { id, credits: needed };
      },
      CREDITS_PIPELINE,
    );
  } catch (err) {
    if (!isInsufficientCredits(err)) throw err;
    const { balance } = await readCreditBalance(ctx);
    const tenant = await db.tenant.findUnique({ where: { id: ctx.tenantId }, select: { slug: true } });
    throw new PaymentRequiredError(`Not enough AI credits: this needs up to ${needed}, the balance is ${balance}.`, {
      details: { billingUrl: billingUrl(tenant?.slug ?? ""), needed: Number(needed), balance: Number(balance) },
    });
  }
}
