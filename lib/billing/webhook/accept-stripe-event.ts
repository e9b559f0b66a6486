// The webhook's fast path, after the signature check: the event's ids go into the inbox
// (stripe_event_inbox, ON CONFLICT DO NOTHING on the event id) and a job is queued to apply it,
// so Stripe gets its 2xx after one statement (accept-in-one-statement.ts: both rows, one commit)
// instead of waiting for the Stripe re-reads, the tenant lock, the effect and the audit event
// (stripe-event-job.ts does those). The 2xx is sent only once both are written: if the statement
// fails neither is, Stripe gets a 5xx and delivers again. A redelivery of an event that is
// accepted but not applied yet queues it again (a job that used up its retries is thus
// recovered by Stripe's own retry, and else by the sweep); one already applied queues nothing.
import "server-only";
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { HANDLERS } from "./handlers";
import { recordWithoutTenant, type AcceptedStripeEvent } from "./apply-stripe-event";
import { acceptInOneStatement } from "./accept-in-one-statement";
import { enqueueStripeEvent } from "./stripe-event-job";

/** queued: accepted now; duplicate: accepted before; ignored / unhandled: nothing to apply. */
export type AcceptOutcome = "queued" | "duplicate" | "ignored" | "unhandled";

export async function acceptStripeEvent(event: Stripe.Event): Promise<AcceptOutcome> {
  const objectId = (event.data?.object as { id?: unknown } | undefined)?.id;
  // Nothing is queued for what no handler would apply: recorded once, acknowledged.
  if (!HANDLERS[event.type]) return asAccept(await recordWithoutTenant(event, "unhandled"));
  if (typeof objectId !== "string" || !objectId) return asAccept(await recordWithoutTenant(event, "ignored"));
  const accepted: AcceptedStripeEvent = { id: event.id, type: event.type, objectId, created: event.created };
  const done = await acceptInOneStatement(accepted);
  if (done) return done;
  // pg-boss's insert had a shape acceptInOneStatement does not know: two statements, as before.
  const db = await getDb();
  const fresh = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO stripe_event_inbox (id, type, object_id, created_at_stripe)
    VALUES (${accepted.id}, ${accepted.type}, ${accepted.objectId}, ${accepted.created})
    ON CONFLICT (id) DO NOTHING RETURNING id`;
  if (fresh.length) {
    await enqueueStripeEvent(accepted);
    return "queued";
  }
  const [applied] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM stripe_events WHERE id = ${accepted.id}`;
  // Accepted, not applied yet: queue it again (deduplicated while a job for it waits).
  if (!applied) await enqueueStripeEvent(accepted);
  return "duplicate";
}

const asAccept = (o: "applied" | "duplicate" | "ignored" | "unhandled"): AcceptOutcome =>
  o === "applied" ? "queued" : o;
