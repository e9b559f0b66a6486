// The billing benchmark of `npm run bench` (needs DATABASE_URL, PostgreSQL): Stripe webhook
// deliveries acknowledged per second under concurrent delivery and the handler's latency before
// its 2xx (p50/p99), then events applied per second. Each delivery is what the route does:
// signature check on the raw body, the event's ids into the inbox and its job onto pg-boss
// (accept-stripe-event.ts). The job queue's worker runs in this process meanwhile, as the in-app
// worker does (billing.stripe-event, 8 at a time): re-reads from the local Stripe stand-in
// (tests/support/stripe-server.ts, also in this process), the tenant transaction with the event
// id, the effect and the audit event. "Applied" counts from the first delivery until the last
// event is in stripe_events. BENCH_BILLING_TENANTS (100)
// tenants each go through a subscription checkout (checkout.session.completed,
// customer.subscription.created, invoice.paid), every event delivered twice (the second is a
// duplicate), shuffled, BENCH_BILLING_CONCURRENCY (16) in flight. Targets: ≥ 200 events/s, p99
// < 50 ms. Afterwards every tenant must hold exactly one period's credits.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import Stripe from "stripe";
import { createStripe } from "../../lib/billing/stripe-client";
import { receiveStripeWebhook } from "../../lib/billing/webhook/receive-stripe-webhook";
import { STRIPE_EVENT_JOB, stripeEventJob } from "../../lib/billing/webhook/stripe-event-job";
import type { JobDefinition } from "../../lib/jobs/define-job";
import { getBoss, stopBoss } from "../../lib/jobs/boss";
import { ensureQueue, workJob } from "../../lib/jobs/worker";
import { resetConfigForTests } from "../../lib/config";
import { getDb } from "../../lib/db";
import { startStripeServer } from "../../tests/support/stripe-server";

const SECRET = "whsec_bench_local";

export async function runBillingBenches(): Promise<string[]> {
  const tenants = Number(process.env.BENCH_BILLING_TENANTS ?? 100);
  const concurrency = Number(process.env.BENCH_BILLING_CONCURRENCY ?? 16);
  // Latency alone (one in flight: no queueing behind other deliveries), then throughput.
  try {
    return [
      ...(await run(Math.max(10, Math.round(tenants / 4)), 1, "during")),
      ...(await run(tenants, concurrency, "during")),
      ...(await run(tenants, concurrency, "after")),
    ];
  } finally {
    await stopBoss(5_000);
  }
}

/**
 * worker "during": the worker applies while deliveries arrive (the in-app worker, sharing the
 * process and its CPU); "after": deliveries first, then the worker drains the queue (a separate
 * worker process, JOBS_WORKER=off on the web instances: the 2xx latency without the apply's load).
 */
async function run(tenants: number, concurrency: number, worker: "during" | "after"): Promise<string[]> {
  const server = await startStripeServer({ webhookSecret: SECRET });
  process.env.STRIPE_SECRET_KEY = "sk_test_bench";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_BASE = server.url;
  resetConfigForTests();
  const stripe = createStripe({ secretKey: "sk_test_bench", apiBase: server.url });
  const db = await getDb();
  const payloads: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < tenants; i++) {
    const slug = `bench-bill-${randomUUID().slice(0, 12)}`;
    const tenant = await db.tenant.create({ data: { slug, name: slug } });
    ids.push(tenant.id);
    const customer = await stripe.customers.create({ name: slug });
    await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(
      (tx) => tx.$executeRaw`
        INSERT INTO billing_accounts (tenant_id, id, stripe_customer_id) VALUES (${tenant.id}::uuid, ${tenant.id}::uuid, ${customer.id})`,
    );
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      success_url: "http://bench/ok",
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
    for (const e of server.complete(session.id)) payloads.push(JSON.stringify(e), JSON.stringify(e));
  }
  for (let i = payloads.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [payloads[i], payloads[j]] = [payloads[j]!, payloads[i]!];
  }
  const eventIds = [...new Set(payloads.map((p) => (JSON.parse(p) as { id: string }).id))];
  const boss = await getBoss();
  await ensureQueue(boss, stripeEventJob as JobDefinition);
  if (worker === "during") await workJob(boss, stripeEventJob as JobDefinition);
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let next = 0;
  const load = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < payloads.length) {
        const payload = payloads[next++]!;
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
        const start = performance.now();
        const { outcome } = await receiveStripeWebhook(payload, signature);
        latencies.push(performance.now() - start);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  if (worker === "after") await workJob(boss, stripeEventJob as JobDefinition);
  for (;;) {
    const [done] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM stripe_events WHERE id = ANY(${eventIds}::text[])`;
    if ((done?.n ?? 0) >= eventIds.length) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const appliedSeconds = (performance.now() - (worker === "after" ? t1 : t0)) / 1000;
  // This process's CPU (the route's work, the worker's, and the Stripe stand-in's) per delivery
  // and, when the worker ran alone afterwards, per applied event: with the machine's load, what
  // bounds the rates on 2 shared cores.
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
  const cpuDeliveries = cpuMs(cpu0, cpu1);
  const cpuApplied = cpuMs(cpu1, process.cpuUsage());
  await boss.offWork(STRIPE_EVENT_JOB);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const wrong: string[] = [];
  for (const id of ids) {
    const [row] = await db.forTenant({ tenantId: id }).$tenantTransaction(
      (tx) => tx.$queryRaw<{ b: bigint; s: bigint }[]>`
        SELECT (SELECT balance FROM credit_balances)::bigint AS b, (SELECT SUM(delta) FROM credit_ledger)::bigint AS s`,
    );
    if (row?.b !== 20_000n || row.s !== 20_000n) wrong.push(id);
  }
  await server.close();
  const perSecond = payloads.length / seconds;
  return [
    `billing-webhook: ${payloads.length} deliveries (${tenants} tenants × 3 events × 2), ${concurrency} in flight, worker ${worker === "during" ? "applying meanwhile" : "started after the deliveries"}`,
    `  acknowledged ${perSecond.toFixed(0)} deliveries/s · latency before the 2xx p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms (target < 50)`,
    `  applied ${(eventIds.length / appliedSeconds).toFixed(0)} events/s (${eventIds.length} events, all applied ${appliedSeconds.toFixed(2)} s after the ${worker === "during" ? "first delivery" : "worker started"}; target ≥ 200)`,
    `  node CPU ${(cpuDeliveries / payloads.length).toFixed(2)} ms per delivery${worker === "after" ? `, ${(cpuApplied / eventIds.length).toFixed(2)} ms per applied event` : " (worker included)"} · load average ${load.toFixed(1)} at the start`,
    `  outcomes ${JSON.stringify(outcomes)} · ${wrong.length === 0 ? "every tenant holds exactly one period's credits" : `WRONG balance in ${wrong.length} tenants`}`,
  ];
}
