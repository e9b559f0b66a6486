// The Stripe webhook end to end through its route and its job: signatures on the raw body, every
// handled event type accepted once and applied exactly once under shuffled, concurrent
// redelivery and as many concurrent runs of its job (table-driven: the state equals one in-order
// delivery), out-of-order subscription events, refunds that claw back only unused credits, an
// injected crash that leaves nothing half-applied, and unknown types. The route only accepts and
// queues (accept-stripe-event.ts); the job (processStripeEvent, what the worker runs) applies.
// The pg-boss worker itself, the sweep and a failed enqueue: stripe-webhook-queue.test.ts.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import Stripe from "stripe";
import { getDatabase } from "@/lib/db";
import { grantCredits } from "@/lib/credits";
import { inRequestContext } from "../support/request-context";
import type { StripeEvent, StripeServer } from "../support/stripe-server";
import {
  acceptedOf,
  applyEvent,
  auditActions,
  billingSnapshot,
  billingTenant,
  deliver,
  deliverAndApply,
  inboxEvents,
  storedEvents,
  TEST_WEBHOOK_SECRET,
  withStripeServer,
} from "../support/stripe-billing";

const stripeEnv = withStripeServer();
afterAll(async () => {
  await (await getDatabase()).close?.();
});

const now = () => Math.floor(Date.now() / 1000);
type Build = (server: StripeServer, stripe: Stripe, customerId: string) => Promise<StripeEvent[]>;

async function subscriptionCheckout(stripe: Stripe, customerId: string, plan = "PRO") {
  return stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customerId,
    success_url: "http://app/ok",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "eur",
          unit_amount: 4900,
          recurring: { interval: "month" },
          product_data: { name: plan },
        },
      },
    ],
    subscription_data: { metadata: { plan } },
  });
}

async function packCheckout(stripe: Stripe, customerId: string) {
  return stripe.checkout.sessions.create({
    mode: "payment",
    customer: customerId,
    success_url: "http://app/ok",
    line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 1000, product_data: { name: "pack" } } }],
    metadata: { pack: "pack_5k" },
  });
}

const subOf = (server: StripeServer, events: StripeEvent[]) =>
  server.objects.get(events.find((e) => e.type === "customer.subscription.created")!.data.object.id)!;

/** Each row: the Stripe history of one customer, its events in Stripe's order, and the end state. */
const SCENARIOS: Array<[string, Build, Record<string, unknown>]> = [
  [
    "subscription checkout: checkout.session.completed, customer.subscription.created, invoice.paid",
    async (server, stripe, customer) => server.complete((await subscriptionCheckout(stripe, customer)).id),
    { plan: "PRO", balance: 20_000, account: { status: "active", pastDue: false, hasSubscription: true } },
  ],
  [
    "customer.subscription.updated: cancel at period end, then customer.subscription.deleted",
    async (server, stripe, customer) => {
      const events = server.complete((await subscriptionCheckout(stripe, customer)).id);
      const sub = subOf(server, events);
      sub.cancel_at_period_end = true;
      events.push(server.event("customer.subscription.updated", sub, now() + 1));
      sub.status = "canceled";
      events.push(server.event("customer.subscription.deleted", sub, now() + 2));
      return events;
    },
    { plan: "FREE", balance: 20_000, account: { status: "canceled", cancelAtPeriodEnd: true } },
  ],
  [
    "invoice.payment_failed: past due, plan kept during the grace period",
    async (server, stripe, customer) => {
      const events = server.complete((await subscriptionCheckout(stripe, customer)).id);
      const sub = subOf(server, events);
      sub.status = "past_due";
      const invoice = server.put({
        id: `in_failed_${customer}`,
        object: "invoice",
        customer,
        status: "open",
        created: now(),
        parent: {
          type: "subscription_details",
          subscription_details: { subscription: sub.id, metadata: { plan: "PRO" } },
        },
      });
      events.push(server.event("invoice.payment_failed", invoice, now() + 1));
      events.push(server.event("customer.subscription.updated", sub, now() + 1));
      return events;
    },
    { plan: "PRO", balance: 20_000, account: { status: "past_due", pastDue: true } },
  ],
  [
    "credit pack bought, then half refunded (charge.refunded)",
    async (server, stripe, customer) => {
      const events = server.complete((await packCheckout(stripe, customer)).id);
      const session = server.objects.get(events[0]!.data.object.id)!;
      const pi = server.objects.get(String(session.payment_intent))!;
      const charge = server.objects.get(String(pi.latest_charge))!;
      Object.assign(charge, { amount_refunded: 500, refunded: false });
      events.push(server.event("charge.refunded", charge, now() + 1));
      return events;
    },
    {
      plan: "FREE",
      balance: 2_500,
      grants: [{ source: "credit_pack", credits: 5000, clawedBack: 2500, shortfall: 0 }],
    },
  ],
  [
    "customer.deleted after a subscription",
    async (server, stripe, customer) => {
      const events = server.complete((await subscriptionCheckout(stripe, customer)).id).slice(1, 2);
      server.objects.get(events[0]!.data.object.id)!.status = "canceled";
      const deleted = server.put({ id: customer, object: "customer", deleted: true });
      events.push(server.event("customer.deleted", deleted, now() + 1));
      return events;
    },
    { plan: "FREE", balance: 0, account: { status: "canceled", hasCustomer: false, hasSubscription: false } },
  ],
];

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Runs `tasks` with `width` in flight at once. */
async function pool<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

describe("every handled event type, 5 times each, shuffled and concurrent = one in-order delivery", () => {
  test.each(SCENARIOS)("%s", async (_name, build, expected) => {
    const { server, stripe } = stripeEnv();
    const inOrder = await billingTenant(stripe);
    for (const e of await build(server, stripe, inOrder.customerId))
      expect((await deliverAndApply(e)).status).toBe(200);
    const reference = await billingSnapshot(inOrder.tenantId);
    expect(reference).toMatchObject(expected);
    expect(reference.balance).toBe(reference.ledgerSum);

    const chaos = await billingTenant(stripe);
    const events = await build(server, stripe, chaos.customerId);
    const deliveries = shuffle(events.flatMap((e) => Array.from({ length: 5 }, () => e)));
    const results = await pool(
      deliveries.map((e) => () => deliver(e)),
      10,
    );
    expect(results.map((r) => r.status)).toEqual(deliveries.map(() => 200));
    // Each event is accepted (stored and queued) once; the other deliveries are duplicates.
    const outcomes = results.map((r) => r.body.outcome);
    expect(outcomes.filter((o) => o === "queued")).toHaveLength(events.length);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(deliveries.length - events.length);
    expect(await inboxEvents(events.map((e) => e.id))).toHaveLength(events.length);
    // The job then runs as often as the event was delivered (a redelivery of an event not yet
    // applied queues it again), shuffled and concurrently: each event applies exactly once.
    const applied = await pool(
      shuffle(deliveries).map((e) => () => applyEvent(e)),
      10,
    );
    expect(applied.filter((o) => o === "applied" || o === "ignored")).toHaveLength(events.length);
    expect(applied.filter((o) => o === "duplicate")).toHaveLength(deliveries.length - events.length);
    const state = await billingSnapshot(chaos.tenantId);
    expect(state).toEqual(reference);
    expect(state.balance).toBe(state.ledgerSum);
    // Each event stored once; every applied one is one audit event of the tenant, by the system.
    const stored = await storedEvents(events.map((e) => e.id));
    expect(stored).toHaveLength(events.length);
    const audits = await auditActions(chaos.tenantId);
    expect(audits).toHaveLength(stored.filter((s) => s.outcome === "applied").length);
    expect(new Set(audits.map((a) => a.targetId)).size).toBe(audits.length);
    expect(audits.every((a) => a.actorType === "system" && a.data.system === "stripe_webhook")).toBe(true);
  });
});

test("out of order: subscription.updated (newer) before subscription.created (older) ends in the newer state", async () => {
  const { server, stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  const events = server.complete((await subscriptionCheckout(stripe, t.customerId)).id);
  const sub = subOf(server, events);
  const created = server.event("customer.subscription.created", sub);
  sub.cancel_at_period_end = true;
  const updated = server.event("customer.subscription.updated", sub, now() + 5);
  expect((await deliverAndApply(updated)).applied).toBe("applied");
  expect((await deliverAndApply(created)).applied).toBe("applied");
  expect((await billingSnapshot(t.tenantId)).account).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
  // The payload's own (older) state is never trusted: it said cancel_at_period_end false.
  expect(created.data.object.cancel_at_period_end).toBe(false);
});

test("an older subscription's late events never replace the newer subscription the tenant follows", async () => {
  const { server, stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  const old = subOf(server, server.complete((await subscriptionCheckout(stripe, t.customerId)).id));
  old.created = now() - 1000;
  old.status = "canceled";
  const current = subOf(server, server.complete((await subscriptionCheckout(stripe, t.customerId, "ENTERPRISE")).id));
  await deliverAndApply(server.event("customer.subscription.created", current));
  expect((await deliverAndApply(server.event("customer.subscription.deleted", old))).status).toBe(200);
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ plan: "ENTERPRISE", account: { status: "active" } });
});

describe("signatures: nothing changes without a valid one", () => {
  test.each([
    ["a bad signature", (p: string) => [p, `t=${now()},v1=${"0".repeat(64)}`] as const],
    ["a missing signature", (p: string) => [p, null] as const],
    [
      "a replayed old timestamp (outside the 300 s tolerance)",
      (p: string) =>
        [
          p,
          Stripe.webhooks.generateTestHeaderString({ payload: p, secret: TEST_WEBHOOK_SECRET, timestamp: now() - 301 }),
        ] as const,
    ],
    [
      "a body altered after signing",
      (p: string) =>
        [
          p.replace('"PRO"', '"ENTERPRISE"'),
          Stripe.webhooks.generateTestHeaderString({ payload: p, secret: TEST_WEBHOOK_SECRET }),
        ] as const,
    ],
    [
      "another endpoint's secret",
      (p: string) => [p, Stripe.webhooks.generateTestHeaderString({ payload: p, secret: "whsec_other" })] as const,
    ],
  ])("%s → 400", async (_name, tamper) => {
    const { server, stripe } = stripeEnv();
    const t = await billingTenant(stripe);
    const events = server.complete((await subscriptionCheckout(stripe, t.customerId)).id);
    const before = await billingSnapshot(t.tenantId);
    for (const e of events) {
      const [body, signature] = tamper(JSON.stringify(e));
      const res = await deliver(body, signature);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
    expect(await billingSnapshot(t.tenantId)).toEqual(before);
    expect(await storedEvents(events.map((e) => e.id))).toEqual([]);
    expect(await inboxEvents(events.map((e) => e.id))).toEqual([]);
  });
});

test("a crash mid-event (Stripe fails after the grant was written) fails the job, nothing applied; the retry applies it once", async () => {
  const { server, stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  const events = server.complete((await subscriptionCheckout(stripe, t.customerId)).id);
  const invoicePaid = events.find((e) => e.type === "invoice.paid")!;
  const before = await billingSnapshot(t.tenantId);
  // invoice.paid grants, then re-reads the subscription: that read fails (with the SDK's retries).
  expect((await deliver(invoicePaid)).body.outcome).toBe("queued");
  server.failNext("/v1/subscriptions/", 3);
  // The job's run throws (pg-boss records the failure and retries it with backoff).
  await expect(applyEvent(invoicePaid)).rejects.toThrow();
  expect(await billingSnapshot(t.tenantId)).toEqual(before);
  expect(await storedEvents([invoicePaid.id])).toEqual([]);
  expect(await auditActions(t.tenantId)).toEqual([]);
  // Still accepted: a redelivery by Stripe is a duplicate (and queues the job again).
  expect((await deliver(invoicePaid)).body.outcome).toBe("duplicate");
  expect(await applyEvent(invoicePaid)).toBe("applied");
  expect(await applyEvent(invoicePaid)).toBe("duplicate");
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ plan: "PRO", balance: 20_000, ledgerSum: 20_000 });
});

test("a crash after the effect and its audit event, before the commit, rolls back all of it", async () => {
  const { server, stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  const [, , invoicePaid] = server.complete((await subscriptionCheckout(stripe, t.customerId)).id);
  expect((await deliver(invoicePaid!)).body.outcome).toBe("queued");
  await expect(
    applyEvent(invoicePaid!, {
      beforeCommit: () => {
        throw new Error("injected crash");
      },
    }),
  ).rejects.toThrow("injected crash");
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ balance: 0, grants: [] });
  expect(await auditActions(t.tenantId)).toEqual([]);
  expect(await storedEvents([invoicePaid!.id])).toEqual([]);
  expect(await applyEvent(invoicePaid!)).toBe("applied");
  expect((await billingSnapshot(t.tenantId)).balance).toBe(20_000);
});

test("a refund of a pack whose credits were spent claws back only the unused part, never below zero", async () => {
  const { server, stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  const [completed] = server.complete((await packCheckout(stripe, t.customerId)).id);
  await deliverAndApply(completed!);
  await inRequestContext({}, () =>
    grantCredits({ tenantId: t.tenantId, credits: -4000, kind: "adjustment", reason: "spent on AI" }),
  );
  const pi = server.objects.get(String(server.objects.get(completed!.data.object.id)!.payment_intent))!;
  const charge = server.objects.get(String(pi.latest_charge))!;
  Object.assign(charge, { amount_refunded: 1000, refunded: true });
  expect((await deliverAndApply(server.event("charge.refunded", charge))).applied).toBe("applied");
  const state = await billingSnapshot(t.tenantId);
  expect(state).toMatchObject({
    balance: 0,
    ledgerSum: 0,
    grants: [{ source: "credit_pack", credits: 5000, clawedBack: 1000, shortfall: 4000 }],
  });
  const audit = (await auditActions(t.tenantId)).at(-1)!;
  expect(audit.data).toMatchObject({ type: "charge.refunded", clawedBack: 1000, shortfall: 4000 });
});

test("unknown event types and other customers' events are acknowledged, logged and change nothing", async () => {
  const { server } = stripeEnv();
  const unknown = server.event("customer.tax_id.created", { id: "txi_1", object: "tax_id" });
  expect(await deliver(unknown)).toMatchObject({ status: 200, body: { outcome: "unhandled" } });
  expect(await deliver(unknown)).toMatchObject({ status: 200, body: { outcome: "duplicate" } });
  const stranger = server.put({ id: "cus_stranger", object: "customer", created: now() });
  const sub = server.put({
    id: "sub_stranger",
    object: "subscription",
    customer: stranger.id,
    status: "active",
    created: now(),
    metadata: { plan: "PRO" },
  });
  // Whose customer it is shows only when the job re-reads the object: accepted, then ignored.
  const strangers = server.event("customer.subscription.created", sub);
  expect(await deliverAndApply(strangers)).toMatchObject({
    status: 200,
    body: { outcome: "queued" },
    applied: "ignored",
  });
  expect(await storedEvents([unknown.id, strangers.id].sort())).toEqual(
    [
      { id: unknown.id, outcome: "unhandled" },
      { id: strangers.id, outcome: "ignored" },
    ].sort((a, b) => a.id.localeCompare(b.id)),
  );
  // An unknown type is recorded on the request path and never queued.
  expect(await inboxEvents([unknown.id])).toEqual([]);
  expect(acceptedOf(strangers)).toEqual({
    id: strangers.id,
    type: strangers.type,
    objectId: sub.id,
    created: strangers.created,
  });
});

test("past due: AI keeps working during the 7-day grace, then reserving credits is a 402 naming the billing page", async () => {
  const { reserveCredits } = await import("@/lib/credits");
  const { getDb } = await import("@/lib/db");
  const { PaymentRequiredError } = await import("@/lib/errors");
  const { stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  await inRequestContext({}, () => grantCredits({ tenantId: t.tenantId, credits: 1000, kind: "grant", reason: "t" }));
  const call = { feature: "chat" as const, model: "claude-haiku-4-5", maxInputTokens: 10, maxOutputTokens: 10 };
  const setPastDue = async (daysAgo: number) =>
    (await getDb())
      .forTenant({ tenantId: t.tenantId })
      .$tenantTransaction(
        (tx) =>
          tx.$executeRaw`UPDATE billing_accounts SET past_due_since = now() - make_interval(days => ${daysAgo}::int)`,
      );
  await setPastDue(6);
  await expect(inRequestContext({}, () => reserveCredits({ tenantId: t.tenantId }, call))).resolves.toHaveProperty(
    "id",
  );
  await setPastDue(8);
  const refused = inRequestContext({}, () => reserveCredits({ tenantId: t.tenantId }, call));
  await expect(refused).rejects.toBeInstanceOf(PaymentRequiredError);
  await expect(inRequestContext({}, () => reserveCredits({ tenantId: t.tenantId }, call))).rejects.toMatchObject({
    message: expect.stringContaining("AI is paused"),
    details: { billingUrl: `/${t.slug}/settings/billing` },
  });
});
