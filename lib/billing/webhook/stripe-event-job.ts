// The job that applies an accepted Stripe event (apply-stripe-event.ts), off the webhook's
// request path. It may run more than once for one event (a redelivery or the sweep queues it
// again, a worker dies after the commit): applyStripeEvent is exactly-once by the event id it
// inserts with the effect, so a second run is a "duplicate" that changes nothing. A failure
// (Stripe unreachable, a crash) rolls everything back and pg-boss retries with backoff; after
// the retries, the sweep queues the event again for as long as Stripe itself would retry.
import "server-only";
import type { Db, PgBoss } from "pg-boss";
import { z } from "zod";
import { runAsSystem } from "@/lib/context/request-context";
import { UnavailableError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { getBoss } from "@/lib/jobs/boss";
import { defineJob, type JobDefinition } from "@/lib/jobs/define-job";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { logger } from "@/lib/log/logger";
import { stripeClient } from "../stripe-client";
import { applyStripeEvent, type AcceptedStripeEvent, type ApplyOptions, type ApplyOutcome } from "./apply-stripe-event";

export const STRIPE_EVENT_JOB = "billing.stripe-event";
export const STRIPE_EVENT_SWEEP_JOB = "billing.stripe-event-sweep";

const eventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  objectId: z.string().min(1).max(255),
  created: z.number().int(),
});

/** Applies one accepted event as the webhook's system actor (what the job runs; tests call it too). */
export async function processStripeEvent(
  event: AcceptedStripeEvent,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const stripe = stripeClient();
  // Thrown, not dropped: the job retries, and the event stays accepted until billing is configured.
  if (!stripe) throw new UnavailableError("Billing is not configured");
  return runAsSystem("stripe_webhook", () => applyStripeEvent(stripe, event, options));
}

export const stripeEventJob = defineJob({
  name: STRIPE_EVENT_JOB,
  schema: eventSchema,
  retryLimit: 8,
  retryDelay: 2,
  backoff: true,
  singletonKey: (e) => e.id,
  // Up to 4 × 4 events apply at once (different tenants in parallel; one tenant's wait on its
  // account lock), and a burst drains without waiting for the poll (lib/jobs/worker.ts). An
  // event spends most of its time waiting (Stripe re-reads, round trips, its commit), so more
  // in flight drains a backlog faster than 2 × 4 did (docs/benchmarks.md §5 has the figures).
  localConcurrency: 4,
  batchSize: 4,
  async handler(event) {
    await processStripeEvent(event);
  },
});

const g = globalThis as unknown as { civitasStripeQueue?: Promise<void> };

/** pg-boss started and the queue created, once per process (as the worker creates it), so a web-only instance can send. */
export async function stripeEventQueue(): Promise<PgBoss> {
  const boss = await getBoss();
  g.civitasStripeQueue ??= ensureQueue(boss, stripeEventJob as JobDefinition).catch((err) => {
    g.civitasStripeQueue = undefined;
    throw err;
  });
  await g.civitasStripeQueue;
  return boss;
}

/**
 * Queues an accepted event (at most one queued job per event: the singleton key is its id).
 * Sent on pg-boss directly, not through lib/jobs/enqueue (whose catalog imports this file).
 * `db`: where pg-boss runs its insert (accept-in-one-statement.ts puts the inbox row into it).
 */
export async function enqueueStripeEvent(event: AcceptedStripeEvent, db?: Db): Promise<string | null> {
  const data = eventSchema.parse(event);
  const boss = await stripeEventQueue();
  return boss.send(STRIPE_EVENT_JOB, data, { singletonKey: data.id, ...(db ? { db } : {}) });
}

/** Accepted events not applied yet, older than `minAgeSeconds`, within Stripe's 3-day retry window. */
export async function requeuePendingStripeEvents(minAgeSeconds = 120, limit = 500): Promise<number> {
  const db = await getDb();
  const pending = await db.$queryRaw<{ id: string; type: string; objectId: string; created: number }[]>`
    SELECT i.id, i.type, i.object_id AS "objectId", i.created_at_stripe AS created
    FROM stripe_event_inbox i
    WHERE i.received_at < now() - make_interval(secs => ${minAgeSeconds}::int)
      AND i.received_at > now() - interval '3 days'
      AND NOT EXISTS (SELECT 1 FROM stripe_events e WHERE e.id = i.id)
    ORDER BY i.received_at LIMIT ${limit}::int`;
  for (const e of pending) await enqueueStripeEvent(e);
  if (pending.length) logger.info({ event: "billing.stripe_events_requeued", count: pending.length });
  return pending.length;
}

/**
 * Every 5 minutes: events accepted but not applied (their job was lost between the accept and
 * the send, or used up its retries while Stripe was unreachable) are queued again.
 */
export const stripeEventSweepJob = defineJob({
  name: STRIPE_EVENT_SWEEP_JOB,
  schema: z.object({}),
  retryLimit: 2,
  retryDelay: 30,
  backoff: true,
  cron: "*/5 * * * *",
  cronData: {},
  singletonKey: () => STRIPE_EVENT_SWEEP_JOB,
  async handler() {
    await requeuePendingStripeEvents();
  },
});
