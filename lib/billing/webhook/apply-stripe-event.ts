// Applies one verified Stripe event exactly once; the job queue runs it (stripe-event-job.ts)
// after the webhook accepted the event (accept-stripe-event.ts). The event id goes into
// stripe_events in the same tenant transaction as the effect and its audit event: a redelivery (even a concurrent
// one, which waits on the primary key) finds it and changes nothing, and a crash anywhere rolls
// back the id together with the effect, so Stripe's retry applies it then. The tenant comes
// from the Stripe customer of the re-read object (billing_tenant_of_customer), never from the
// payload's metadata.
import "server-only";
import type Stripe from "stripe";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { lockBillingAccount } from "../billing-state";
import { HANDLERS, idOf } from "./handlers";

export type ApplyOutcome = "applied" | "duplicate" | "ignored" | "unhandled";

/** What is kept of a verified event: its ids and type (the payload is never trusted beyond them). */
export type AcceptedStripeEvent = { id: string; type: string; objectId: string; created: number };

export type ApplyOptions = {
  /** Runs inside the transaction after the effect, before the commit (tests inject crashes here). */
  beforeCommit?: () => void | Promise<void>;
};

/** The Stripe customer an event's object belongs to, as Stripe says now (a re-read). */
async function customerOf(stripe: Stripe, type: string, id: string): Promise<string | null> {
  if (type === "customer.deleted") return id;
  if (type.startsWith("checkout.session.")) return idOf((await stripe.checkout.sessions.retrieve(id)).customer);
  if (type.startsWith("customer.subscription.")) return idOf((await stripe.subscriptions.retrieve(id)).customer);
  if (type.startsWith("invoice.")) return idOf((await stripe.invoices.retrieve(id)).customer);
  if (type.startsWith("charge.")) return idOf((await stripe.charges.retrieve(id)).customer);
  return null;
}

/** Records an event that has nothing to apply (unknown type, not our customer), once. */
export async function recordWithoutTenant(
  event: Pick<AcceptedStripeEvent, "id" | "type" | "created">,
  outcome: "ignored" | "unhandled",
): Promise<ApplyOutcome> {
  const db = await getDb();
  const inserted = await db.$executeRaw`
    INSERT INTO stripe_events (id, type, outcome, created_at_stripe)
    VALUES (${event.id}, ${event.type}, ${outcome}, ${event.created}) ON CONFLICT (id) DO NOTHING`;
  if (inserted) logger.info({ event: `billing.stripe_event_${outcome}`, stripeEvent: event.id, type: event.type });
  return inserted ? outcome : "duplicate";
}

export async function applyStripeEvent(
  stripe: Stripe,
  event: AcceptedStripeEvent,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const handler = HANDLERS[event.type];
  if (!handler) return recordWithoutTenant(event, "unhandled");
  const db = await getDb();
  // A redelivery of a committed event needs no Stripe call and no lock (the insert below
  // still decides for deliveries that race the first one).
  const [seen] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM stripe_events WHERE id = ${event.id}`;
  if (seen) return "duplicate";
  const { objectId } = event;
  const customerId = await customerOf(stripe, event.type, objectId);
  const [owner] = customerId
    ? await db.$queryRaw<{ tenantId: string | null }[]>`SELECT billing_tenant_of_customer(${customerId}) AS "tenantId"`
    : [];
  const tenantId = owner?.tenantId;
  if (!tenantId || !customerId) return recordWithoutTenant(event, "ignored");

  return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    // The account lock first, then the event id: every event of a tenant takes the two in the
    // same order, and the tenant's events apply one at a time (each re-read sees the last commit).
    const account = await lockBillingAccount(tx, tenantId);
    const ours = account !== null && account.stripeCustomerId === customerId;
    const fresh = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO stripe_events (id, type, applied_tenant_id, outcome, created_at_stripe)
      VALUES (${event.id}, ${event.type}, ${tenantId}::uuid, ${ours ? "applied" : "ignored"}, ${event.created})
      ON CONFLICT (id) DO NOTHING RETURNING id`;
    if (!fresh.length) return "duplicate";
    if (!ours || !account) return "ignored";
    const result = await handler({ tx, stripe, tenantId, customerId, account, objectId });
    await recordAudit(tx, {
      tenantId,
      action: `billing.stripe_event`,
      targetType: "stripe_event",
      targetId: event.id,
      data: { type: event.type, object: objectId, ...result },
    });
    await options.beforeCommit?.();
    logger.info({ event: "billing.stripe_event_applied", stripeEvent: event.id, type: event.type, tenantId });
    return "applied";
  }) as Promise<ApplyOutcome>;
}
