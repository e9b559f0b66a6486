// What each handled Stripe event does, inside the tenant transaction that also stores the
// event id (apply-stripe-event.ts) and with the tenant's billing account locked. Nothing of the
// event's payload is trusted beyond the object's id: each handler re-reads the object from
// Stripe under the lock, so concurrent or out-of-order deliveries all apply Stripe's current
// state, and the last to commit has read the freshest. Grants are keyed by the Stripe object
// (billing_credit_grants unique), so they happen once however often an event arrives.
import "server-only";
import type Stripe from "stripe";
import type { Tx } from "@/lib/credits/shared";
import type { Plan } from "@/lib/generated/prisma/enums";
import { PLANS } from "../plans";
import { creditPack } from "../credit-packs";
import { availableCredits, insertLedgerEntry, setTenantPlan, type BillingAccountRow } from "../billing-state";

export type HandlerContext = {
  tx: Tx;
  stripe: Stripe;
  tenantId: string;
  customerId: string;
  account: BillingAccountRow;
  objectId: string;
};

/** What the audit event records about the effect. */
export type HandlerResult = Record<string, unknown>;

const PAID_PLAN_STATUSES = new Set(["active", "trialing", "past_due"]);
const PAST_DUE_STATUSES = new Set(["past_due", "unpaid"]);

export const idOf = (v: string | { id: string } | null | undefined): string | null =>
  v == null ? null : typeof v === "string" ? v : v.id;

function planOf(metadata: Stripe.Metadata | null | undefined): Plan | null {
  const p = metadata?.plan;
  return p === "PRO" || p === "ENTERPRISE" ? p : null;
}

/**
 * Re-reads a subscription and applies it, unless the account follows a newer subscription
 * (compared by the subscriptions' own `created`): an old subscription's late events never
 * overwrite the current one.
 */
export async function syncSubscription(c: HandlerContext, subscriptionId: string): Promise<HandlerResult> {
  const sub = await c.stripe.subscriptions.retrieve(subscriptionId);
  if (idOf(sub.customer) !== c.customerId) return { skipped: "subscription of another customer" };
  const followed = c.account.stripeSubscriptionId;
  if (followed && followed !== sub.id && (c.account.subscriptionCreatedAt ?? 0) > sub.created)
    return { skipped: "older than the subscription followed", subscription: sub.id };
  const plan: Plan = PAID_PLAN_STATUSES.has(sub.status) ? (planOf(sub.metadata) ?? "FREE") : "FREE";
  const periodEnd = sub.items?.data?.[0]?.current_period_end ?? null;
  const pastDue = PAST_DUE_STATUSES.has(sub.status);
  await c.tx.$executeRaw`
    UPDATE billing_accounts SET
      stripe_subscription_id = ${sub.id}, subscription_status = ${sub.status},
      current_period_end = ${periodEnd === null ? null : new Date(periodEnd * 1000)}::timestamptz,
      cancel_at_period_end = ${sub.cancel_at_period_end ?? false},
      past_due_since = CASE WHEN ${pastDue} THEN COALESCE(past_due_since, now()) ELSE NULL END,
      subscription_event_at = ${sub.created}, synced_at = now(), updated_at = now()
    WHERE tenant_id = ${c.tenantId}::uuid AND id = ${c.tenantId}::uuid`;
  Object.assign(c.account, { stripeSubscriptionId: sub.id, subscriptionStatus: sub.status });
  const before = await setTenantPlan(c.tx, c.tenantId, plan);
  return { subscription: sub.id, status: sub.status, plan: { before, after: plan } };
}

/** Grants `credits` once for `objectId`; false when it was granted before. */
async function grantOnce(
  c: HandlerContext,
  source: "invoice" | "credit_pack",
  objectId: string,
  credits: number,
  reason: string,
): Promise<boolean> {
  const inserted = await c.tx.$queryRaw<{ id: string }[]>`
    INSERT INTO billing_credit_grants (tenant_id, id, source, stripe_object_id, credits)
    VALUES (${c.tenantId}::uuid, gen_random_uuid(), ${source}::"BillingGrantSource", ${objectId}, ${credits}::bigint)
    ON CONFLICT (tenant_id, stripe_object_id) DO NOTHING RETURNING id`;
  if (!inserted.length) return false;
  await insertLedgerEntry(c.tx, c.tenantId, source === "invoice" ? "grant" : "purchase", BigInt(credits), reason);
  return true;
}

function invoiceSubscription(inv: Stripe.Invoice): { id: string | null; plan: Plan | null } {
  const details = inv.parent?.subscription_details;
  return { id: idOf(details?.subscription), plan: planOf(details?.metadata) };
}

/**
 * A refunded credit pack takes back the refunded share of its credits, as far as they are
 * unused (the balance); never below zero: what was already spent is recorded as shortfall.
 * Repeated and partial refunds add up: the target is the charge's amount_refunded as re-read,
 * so a late or repeated event takes nothing twice.
 */
async function applyRefund(c: HandlerContext, charge: Stripe.Charge): Promise<HandlerResult> {
  const paymentIntent = idOf(charge.payment_intent);
  if (!paymentIntent || !charge.amount) return { skipped: "no payment" };
  const [grant] = await c.tx.$queryRaw<{ id: string; credits: bigint; clawedBack: bigint; shortfall: bigint }[]>`
    SELECT id, credits, clawed_back AS "clawedBack", shortfall FROM billing_credit_grants
    WHERE tenant_id = ${c.tenantId}::uuid AND stripe_object_id = ${paymentIntent} AND source = 'credit_pack'
    FOR UPDATE`;
  if (!grant) return { skipped: "no credit pack granted for this payment (yet)", charge: charge.id };
  const target = (grant.credits * BigInt(charge.amount_refunded)) / BigInt(charge.amount);
  const due = target - grant.clawedBack - grant.shortfall;
  if (due <= 0n) return { charge: charge.id, clawedBack: 0 };
  const available = await availableCredits(c.tx);
  const take = due < available ? due : available;
  if (take > 0n) await insertLedgerEntry(c.tx, c.tenantId, "adjustment", -take, "Credit pack refunded");
  await c.tx.$executeRaw`
    UPDATE billing_credit_grants SET clawed_back = clawed_back + ${take}::bigint, shortfall = shortfall + ${due - take}::bigint
    WHERE tenant_id = ${c.tenantId}::uuid AND id = ${grant.id}::uuid`;
  return { charge: charge.id, clawedBack: Number(take), shortfall: Number(due - take) };
}

export const HANDLERS: Record<string, (c: HandlerContext) => Promise<HandlerResult>> = {
  async "checkout.session.completed"(c) {
    const session = await c.stripe.checkout.sessions.retrieve(c.objectId);
    if (session.status !== "complete") return { skipped: `session ${session.status}` };
    if (session.mode === "subscription") {
      const subId = idOf(session.subscription);
      return subId ? syncSubscription(c, subId) : { skipped: "no subscription" };
    }
    const pack = creditPack(session.metadata?.pack);
    const paymentIntent = idOf(session.payment_intent);
    if (session.payment_status !== "paid" || !pack || !paymentIntent)
      return { skipped: "not a paid credit pack", payment: session.payment_status };
    const granted = await grantOnce(c, "credit_pack", paymentIntent, pack.credits, `Credit pack ${pack.name}`);
    // A refund that Stripe reported before this event arrived is applied now.
    const chargeId = idOf((await c.stripe.paymentIntents.retrieve(paymentIntent)).latest_charge);
    const refund = chargeId ? await applyRefund(c, await c.stripe.charges.retrieve(chargeId)) : undefined;
    return { pack: pack.id, credits: pack.credits, granted, ...(refund?.clawedBack ? { refund } : {}) };
  },
  "customer.subscription.created": (c) => syncSubscription(c, c.objectId),
  "customer.subscription.updated": (c) => syncSubscription(c, c.objectId),
  "customer.subscription.deleted": (c) => syncSubscription(c, c.objectId),
  async "invoice.paid"(c) {
    const inv = await c.stripe.invoices.retrieve(c.objectId);
    if (inv.status !== "paid") return { skipped: `invoice ${inv.status}` };
    const sub = invoiceSubscription(inv);
    const result: HandlerResult = { invoice: inv.id };
    if (sub.plan && inv.id) {
      const credits = PLANS[sub.plan].monthlyCredits;
      result.granted = await grantOnce(
        c,
        "invoice",
        inv.id,
        credits,
        `${PLANS[sub.plan].name} plan: credits of the period`,
      );
      result.credits = credits;
    }
    if (sub.id) result.sync = await syncSubscription(c, sub.id);
    return result;
  },
  async "invoice.payment_failed"(c) {
    const inv = await c.stripe.invoices.retrieve(c.objectId);
    const sub = invoiceSubscription(inv);
    const result: HandlerResult = { invoice: inv.id, status: inv.status };
    if (sub.id) result.sync = await syncSubscription(c, sub.id);
    // Still unpaid (a later retry may have paid it: then this late event changes nothing).
    if (inv.status !== "paid" && !["active", "trialing"].includes(c.account.subscriptionStatus ?? "")) {
      await c.tx.$executeRaw`
        UPDATE billing_accounts SET past_due_since = COALESCE(past_due_since, now()), updated_at = now()
        WHERE tenant_id = ${c.tenantId}::uuid AND id = ${c.tenantId}::uuid`;
      result.pastDue = true;
    }
    return result;
  },
  "charge.refunded": async (c) => applyRefund(c, await c.stripe.charges.retrieve(c.objectId)),
  async "customer.deleted"(c) {
    const customer = await c.stripe.customers.retrieve(c.objectId);
    if (!("deleted" in customer) || !customer.deleted) return { skipped: "customer exists" };
    // The customer id is cleared: a new checkout makes a new customer, and the deleted one's
    // late events find no tenant any more (acknowledged as ignored).
    await c.tx.$executeRaw`
      UPDATE billing_accounts SET subscription_status = 'canceled', stripe_subscription_id = NULL,
        current_period_end = NULL, cancel_at_period_end = false, past_due_since = NULL, updated_at = now(),
        stripe_customer_id = NULL
      WHERE tenant_id = ${c.tenantId}::uuid AND id = ${c.tenantId}::uuid`;
    const before = await setTenantPlan(c.tx, c.tenantId, "FREE");
    return { customer: c.objectId, plan: { before, after: "FREE" } };
  },
};

export const HANDLED_EVENT_TYPES: readonly string[] = Object.keys(HANDLERS);
