// The webhook's accept step alone, two ways interleaved in one process so both see the same
// machine load (docs/benchmarks.md §5): "two statements" is what the route did before (the inbox
// insert, then pg-boss's job insert, each its own autocommit), "one statement" what it does now
// (accept-in-one-statement.ts: both in one statement, one commit). Rounds of 1 and then 16 calls
// in flight, the two ways taking turns round by round; p50/p99 per call and calls per second.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/civitas_bench npx tsx scripts/bench/webhook-accept.ts
// BENCH_ACCEPT_CALLS (150) calls per way and level. Rows are left in the inbox and the queue
// (ids evt_accept_bench_…); the queued jobs are deleted at the end.
import "./server-only-shim";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { acceptInOneStatement } from "../../lib/billing/webhook/accept-in-one-statement";
import { enqueueStripeEvent, STRIPE_EVENT_JOB, stripeEventQueue } from "../../lib/billing/webhook/stripe-event-job";
import { getDatabase, getDb } from "../../lib/db";
import { stopBoss } from "../../lib/jobs/boss";

const event = (id: string) => ({ id, type: "invoice.paid", objectId: "in_bench", created: 1 });

async function main() {
  const db = await getDb();
  const boss = await stripeEventQueue();
  const ways: Record<string, (id: string) => Promise<unknown>> = {
    "two statements (before)": async (id) => {
      const fresh = await db.$queryRaw<{ id: string }[]>`
        INSERT INTO stripe_event_inbox (id, type, object_id, created_at_stripe)
        VALUES (${id}, 'invoice.paid', 'in_bench', 1) ON CONFLICT (id) DO NOTHING RETURNING id`;
      if (fresh.length) await enqueueStripeEvent(event(id));
    },
    "one statement (after)": (id) => acceptInOneStatement(event(id)),
  };
  const names = Object.keys(ways);
  const calls = Number(process.env.BENCH_ACCEPT_CALLS ?? 150);
  console.log(`webhook-accept: load average ${loadavg()[0]!.toFixed(1)} at the start`);
  for (const inFlight of [1, 16]) {
    const latencies: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const busy: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    for (let round = 0; round * inFlight < calls; round++)
      for (const name of names) {
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: inFlight }, async () => {
            const start = performance.now();
            await ways[name]!(`evt_accept_bench_${randomUUID()}`);
            latencies[name]!.push(performance.now() - start);
          }),
        );
        busy[name]! += performance.now() - t0;
      }
    for (const name of names) {
      const l = latencies[name]!.sort((a, b) => a - b);
      const pct = (p: number) => l[Math.min(l.length - 1, Math.floor(p * l.length))]!.toFixed(1);
      const rate = (l.length / (busy[name]! / 1000)).toFixed(0);
      console.log(`  ${inFlight} in flight, ${name.padEnd(24)} p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, ${rate}/s`);
    }
  }
  await boss.deleteQueuedJobs(STRIPE_EVENT_JOB);
  await stopBoss(5_000);
  await (await getDatabase()).close?.();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
