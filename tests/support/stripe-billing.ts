// Billing test helpers: the app pointed at a local Stripe server, a tenant with a Stripe
// customer, signed deliveries to the real webhook route, and a snapshot of the billing state.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import Stripe from "stripe";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { createStripe } from "@/lib/billing/stripe-client";
import type { AcceptedStripeEvent, ApplyOptions, ApplyOutcome } from "@/lib/billing/webhook/apply-stripe-event";
import { processStripeEvent } from "@/lib/billing/webhook/stripe-event-job";
import { resetConfigForTests } from "@/lib/config";
import { stopBoss } from "@/lib/jobs/boss";
import { getDb } from "@/lib/db";
import { startStripeServer, type StripeEvent, type StripeServer } from "./stripe-server";

export const TEST_STRIPE_KEY = "sk_test_civitas_local";
export const TEST_WEBHOOK_SECRET = "whsec_test_civitas_local";

export function withStripeServer(): () => { server: StripeServer; stripe: Stripe } {
  let server: StripeServer | undefined;
  let stripe: Stripe | undefined;
  const vars = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE"] as const;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    server = await startStripeServer({ webhookSecret: TEST_WEBHOOK_SECRET });
    for (const v of vars) saved[v] = process.env[v];
    process.env.STRIPE_SECRET_KEY = TEST_STRIPE_KEY;
    process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
    process.env.STRIPE_API_BASE = server.url;
    resetConfigForTests();
    stripe = createStripe({ secretKey: TEST_STRIPE_KEY, apiBase: server.url });
  });
  afterAll(async () => {
    for (const v of vars) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    resetConfigForTests();
    await server?.close();
    // The webhook queues each accepted event on pg-boss (started by the first delivery).
    await stopBoss(2000);
  });
  return () => {
    if (!server || !stripe) throw new Error("the Stripe server starts in beforeAll");
    return { server, stripe };
  };
}

/** A tenant whose billing account has a Stripe customer (as the first checkout leaves it). */
export async function billingTenant(stripe: Stripe, plan: "FREE" | "PRO" = "FREE") {
  const db = await getDb();
  const slug = `bill-${randomUUID().slice(0, 10)}`;
  const tenant = await db.tenant.create({ data: { slug, name: `Billing ${slug}`, plan } });
  const customer = await stripe.customers.create({ name: slug, metadata: { tenant_id: tenant.id } });
  await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(
    (tx) => tx.$executeRaw`
      INSERT INTO billing_accounts (tenant_id, id, stripe_customer_id) VALUES (${tenant.id}::uuid, ${tenant.id}::uuid, ${customer.id})`,
  );
  return { tenantId: tenant.id, slug, customerId: customer.id };
}

export function signedRequest(payload: string, signature?: string | null): NextRequest {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig =
    signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET })
      : signature;
  if (sig !== null) headers["stripe-signature"] = sig;
  return new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: payload });
}

export async function deliver(event: StripeEvent | string, signature?: string | null) {
  const payload = typeof event === "string" ? event : JSON.stringify(event);
  const res = await webhookRoute(signedRequest(payload, signature), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** What the webhook keeps of a delivered event, and queues. */
export function acceptedOf(event: StripeEvent): AcceptedStripeEvent {
  return { id: event.id, type: event.type, objectId: String(event.data.object.id), created: event.created };
}

/** What the queued job does with an accepted event (the worker calls the same function). */
export function applyEvent(event: StripeEvent, options?: ApplyOptions): Promise<ApplyOutcome> {
  return processStripeEvent(acceptedOf(event), options);
}

/** A delivery, then its job, one after the other (as Stripe and an idle worker do it). */
export async function deliverAndApply(event: StripeEvent) {
  const delivered = await deliver(event);
  if (delivered.status !== 200) throw new Error(`delivery answered ${delivered.status}`);
  const queued = delivered.body.outcome === "queued" || delivered.body.outcome === "duplicate";
  return { ...delivered, applied: queued ? await applyEvent(event) : null };
}

/** Everything billing changes for a tenant, without ids that differ between two runs. */
export async function billingSnapshot(tenantId: string) {
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    const [tenant] = await tx.$queryRaw<
      { plan: string }[]
    >`SELECT plan::text FROM tenants WHERE id = ${tenantId}::uuid`;
    const [account] = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT subscription_status AS status, current_period_end IS NOT NULL AS "hasPeriodEnd",
             cancel_at_period_end AS "cancelAtPeriodEnd", past_due_since IS NOT NULL AS "pastDue",
             stripe_customer_id IS NOT NULL AS "hasCustomer", stripe_subscription_id IS NOT NULL AS "hasSubscription"
      FROM billing_accounts`;
    const [money] = await tx.$queryRaw<{ balance: bigint; ledger: bigint }[]>`
      SELECT COALESCE((SELECT balance + reserved FROM credit_balances), 0)::bigint AS balance,
             COALESCE((SELECT SUM(delta) FROM credit_ledger), 0)::bigint AS ledger`;
    const grants = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT source::text, credits::int, clawed_back::int AS "clawedBack", shortfall::int
      FROM billing_credit_grants ORDER BY source, credits`;
    const ledger = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT kind::text, delta::int FROM credit_ledger ORDER BY kind, delta`;
    return {
      plan: tenant?.plan,
      account,
      balance: Number(money?.balance),
      ledgerSum: Number(money?.ledger),
      grants,
      ledger,
    };
  });
}

export async function auditActions(tenantId: string) {
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(
    (tx) => tx.$queryRaw<{ action: string; targetId: string; actorType: string; data: Record<string, unknown> }[]>`
      SELECT action, target_id AS "targetId", actor_type AS "actorType", data FROM audit_events
      WHERE action LIKE 'billing.%' ORDER BY seq`,
  );
}

/** The accepted events among `ids` (the webhook's inbox), applied or not. */
export async function inboxEvents(ids: string[]) {
  const db = await getDb();
  return db.$queryRaw<{ id: string; type: string }[]>`
    SELECT id, type FROM stripe_event_inbox WHERE id = ANY(${ids}::text[]) ORDER BY id`;
}

export async function storedEvents(ids: string[]) {
  const db = await getDb();
  return db.$queryRaw<{ id: string; outcome: string }[]>`
    SELECT id, outcome FROM stripe_events WHERE id = ANY(${ids}::text[]) ORDER BY id`;
}
