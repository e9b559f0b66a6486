// The webhook's queue: what the route leaves for the job queue when it answers (one pg-boss job
// per accepted event, carrying its ids only, written in the inbox row's transaction), what
// happens when queueing fails (a 5xx, nothing kept, and Stripe's redelivery queues it), the sweep that re-queues accepted events whose job was lost,
// and a job that runs where billing is not configured. The jobs are looked up, and their handler
// run as the worker would (no worker is started: it would take other test files' jobs from the
// shared queue); the worker itself runs every job in the e2e billing spec.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { getDatabase, getDb } from "@/lib/db";
import { UnavailableError } from "@/lib/errors";
import { getBoss } from "@/lib/jobs/boss";
import { resetConfigForTests } from "@/lib/config";
import { acceptInOneStatement } from "@/lib/billing/webhook/accept-in-one-statement";
import { requeuePendingStripeEvents, STRIPE_EVENT_JOB, stripeEventJob } from "@/lib/billing/webhook/stripe-event-job";
import type { StripeEvent } from "../support/stripe-server";
import {
  acceptedOf,
  auditActions,
  billingSnapshot,
  billingTenant,
  deliver,
  inboxEvents,
  storedEvents,
  withStripeServer,
} from "../support/stripe-billing";

const stripeEnv = withStripeServer();
afterAll(async () => {
  await (await getDatabase()).close?.();
});

/** The queued (not yet started) jobs for one event. */
async function queuedJobs(event: StripeEvent) {
  const boss = await getBoss();
  return boss.findJobs(STRIPE_EVENT_JOB, { key: event.id, queued: true });
}

/** What the worker does with a job: its handler, on the job's own data. */
const runJob = (data: unknown, attempt = 0) =>
  stripeEventJob.handler(stripeEventJob.schema.parse(data), { jobId: "test", attempt });

async function checkoutEvents() {
  const { server, stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: t.customerId,
    success_url: "http://app/ok",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "eur",
          unit_amount: 4900,
          recurring: { interval: "month" },
          product_data: { name: "Pro" },
        },
      },
    ],
    subscription_data: { metadata: { plan: "PRO" } },
  });
  return { t, events: server.complete(session.id) };
}

test("each accepted event is one queued job with its ids only; the job applies it, once", async () => {
  const { t, events } = await checkoutEvents();
  for (const e of events) {
    expect((await deliver(e)).body.outcome).toBe("queued");
    // A redelivery before the job ran: still one queued job (its singleton key is the event id).
    expect((await deliver(e)).body.outcome).toBe("duplicate");
    const jobs = await queuedJobs(e);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual(acceptedOf(e));
  }
  // Nothing is applied when the 2xx goes out: the state is the job's work.
  expect(await storedEvents(events.map((e) => e.id))).toEqual([]);
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ plan: "FREE", balance: 0 });
  for (const e of events) await runJob((await queuedJobs(e))[0]!.data);
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ plan: "PRO", balance: 20_000, ledgerSum: 20_000 });
  // A second run of the same job (a worker died before recording completion) changes nothing.
  for (const e of events) await runJob(acceptedOf(e), 1);
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ balance: 20_000, ledgerSum: 20_000 });
  expect(await auditActions(t.tenantId)).toHaveLength(events.length);
  // Applied: a late redelivery queues no job at all (its statement finds the event applied).
  // The jobs run above (by hand) are taken off the queue first, as a worker would complete them,
  // so a new job could be queued if the statement did not check.
  const boss = await getBoss();
  for (const e of events)
    await boss.cancel(
      STRIPE_EVENT_JOB,
      (await queuedJobs(e)).map((j) => j.id),
    );
  for (const e of events) {
    expect((await deliver(e)).body.outcome).toBe("duplicate");
    expect(await queuedJobs(e)).toEqual([]);
  }
  expect(await auditActions(t.tenantId)).toHaveLength(events.length);
});

test("the inbox row and its job are written by one statement (pg-boss's insert has the shape it expects)", async () => {
  const { events } = await checkoutEvents();
  const e = events[0]!;
  // null would mean the two-statement fallback: a pg-boss upgrade changed its insert.
  expect(await acceptInOneStatement(acceptedOf(e))).toBe("queued");
  expect(await inboxEvents([e.id])).toHaveLength(1);
  expect((await queuedJobs(e)).map((j) => j.data)).toEqual([acceptedOf(e)]);
  expect(await acceptInOneStatement(acceptedOf(e))).toBe("duplicate");
  expect(await queuedJobs(e)).toHaveLength(1);
});

test("queueing fails → 500 without internals, nothing kept (the inbox row rolls back with the job); the redelivery queues it and it applies", async () => {
  const { t, events } = await checkoutEvents();
  const invoicePaid = events.find((e) => e.type === "invoice.paid")!;
  const boss = await getBoss();
  const send = jest.spyOn(boss, "send").mockRejectedValueOnce(new Error("connection to pgboss lost"));
  try {
    const failed = await deliver(invoicePaid);
    expect(failed.status).toBe(500);
    expect(JSON.stringify(failed.body)).not.toContain("pgboss");
  } finally {
    send.mockRestore();
  }
  // The inbox row and the job are one transaction: neither is kept.
  expect(await inboxEvents([invoicePaid.id])).toEqual([]);
  expect(await queuedJobs(invoicePaid)).toEqual([]);
  expect(await storedEvents([invoicePaid.id])).toEqual([]);
  const redelivered = await deliver(invoicePaid);
  expect(redelivered).toMatchObject({ status: 200, body: { outcome: "queued" } });
  expect(await inboxEvents([invoicePaid.id])).toHaveLength(1);
  const [job] = await queuedJobs(invoicePaid);
  expect(job?.data).toEqual(acceptedOf(invoicePaid));
  await runJob(job!.data);
  expect(await storedEvents([invoicePaid.id])).toEqual([{ id: invoicePaid.id, outcome: "applied" }]);
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ balance: 20_000, ledgerSum: 20_000 });
});

test("the sweep re-queues accepted events whose job was lost, and only those", async () => {
  const { events } = await checkoutEvents();
  const [lost, applied, recent] = events as [StripeEvent, StripeEvent, StripeEvent];
  const { server } = stripeEnv();
  const ancient = server.event("customer.subscription.updated", { ...lost.data.object, id: "sub_ancient" });
  const db = await getDb();
  // As if each was accepted and its job never sent (the process died between the two).
  const accept = (e: StripeEvent, age: string) => db.$executeRaw`
    INSERT INTO stripe_event_inbox (id, type, object_id, created_at_stripe, received_at)
    VALUES (${e.id}, ${e.type}, ${String(e.data.object.id)}, ${e.created}, now() - ${age}::interval)`;
  await accept(lost, "10 minutes");
  await accept(applied, "10 minutes");
  await accept(recent, "30 seconds");
  await accept(ancient, "4 days");
  await runJob(acceptedOf(applied));
  expect(await storedEvents([applied.id])).toHaveLength(1);

  expect(await requeuePendingStripeEvents(120)).toBeGreaterThanOrEqual(1);
  expect((await queuedJobs(lost)).map((j) => j.data)).toEqual([acceptedOf(lost)]);
  // Applied already, too recent (its job may still be on its way), or past Stripe's 3-day window.
  for (const e of [applied, recent, ancient]) expect(await queuedJobs(e)).toEqual([]);
  // A second sweep while the job waits adds no second job.
  await requeuePendingStripeEvents(120);
  expect(await queuedJobs(lost)).toHaveLength(1);
});

test("a job that runs where billing is not configured fails (to be retried) and records nothing", async () => {
  const { events } = await checkoutEvents();
  const e = events[0]!;
  expect((await deliver(e)).body.outcome).toBe("queued");
  const key = process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_SECRET_KEY;
  resetConfigForTests();
  try {
    await expect(runJob(acceptedOf(e))).rejects.toBeInstanceOf(UnavailableError);
  } finally {
    process.env.STRIPE_SECRET_KEY = key;
    resetConfigForTests();
  }
  expect(await storedEvents([e.id])).toEqual([]);
  await runJob(acceptedOf(e));
  expect(await storedEvents([e.id])).toEqual([{ id: e.id, outcome: "applied" }]);
});

test("a job's data is the event's ids: anything else is refused before it runs", () => {
  expect(stripeEventJob.schema.safeParse({ id: "evt_1", type: "invoice.paid" }).success).toBe(false);
  expect(stripeEventJob.schema.safeParse({ id: "", type: "invoice.paid", objectId: "in_1", created: 1 }).success).toBe(
    false,
  );
  // Extra payload fields are dropped, never carried into the job.
  const parsed = stripeEventJob.schema.parse({
    id: "evt_1",
    type: "invoice.paid",
    objectId: "in_1",
    created: 1,
    data: { object: { amount_paid: 1 } },
  });
  expect(parsed).toEqual({ id: "evt_1", type: "invoice.paid", objectId: "in_1", created: 1 });
});
