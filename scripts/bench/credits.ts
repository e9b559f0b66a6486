// The credits benchmark of `npm run bench` (needs DATABASE_URL, PostgreSQL): how many AI calls
// per second the ledger can admit and settle for ONE tenant, the worst case, since every
// reserve and settle of a tenant locks its credit_balances row. Each "call" is the real pair
// the AI features run: reserveCredits (one statement: reservation + ledger entry + audit event)
// then settleReservation (usage row, refund + charge entries, audit event), each in its own
// transaction through the app's pool. BENCH_CREDITS_CALLS (2,000) pairs at concurrency 1, 8 and
// 32 (BENCH_CREDITS_CONCURRENCY), against two baselines in the same run: two empty Prisma
// $tenantTransaction calls per pair (what reserve+settle were built on before
// lib/db/tenant-pipeline.ts), and two empty tenantPipeline transactions (the floor of the
// pipelined two-transaction design they use now).
// Target: ≥ 1,000 reserve+settle/s. After the run the balance must equal the ledger's sum.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { runWithLogContext } from "../../lib/context/request-context";
import { grantCredits, readCreditBalance, reserveCredits, settleReservation } from "../../lib/credits";
import { getDb } from "../../lib/db";
import { tenantPipeline } from "../../lib/db/tenant-pipeline";
import { Prisma } from "../../lib/generated/prisma/client";

const MODEL = "claude-haiku-4-5";
const CALL = { feature: "case_summary" as const, model: MODEL, maxInputTokens: 2_000, maxOutputTokens: 500 };
const USAGE = { inputTokens: 900, outputTokens: 120, cacheReadTokens: 0, cacheWriteTokens: 0 };

type Ctx = { tenantId: string; userId: string; role: "OWNER"; requestId: string };

const inRequest = <T>(ctx: Ctx, fn: () => Promise<T>) =>
  runWithLogContext({ requestId: `bench-${randomUUID()}`, tenantId: ctx.tenantId, userId: ctx.userId }, fn);

/** Runs `calls` jobs with `concurrency` in flight; calls per second. */
async function throughput(calls: number, concurrency: number, job: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        next++;
        await job();
      }
    }),
  );
  return calls / ((performance.now() - t0) / 1000);
}

export async function runCreditBenches(): Promise<string[]> {
  const calls = Number(process.env.BENCH_CREDITS_CALLS ?? 2_000);
  const levels = (process.env.BENCH_CREDITS_CONCURRENCY ?? "1,8,32").split(",").map(Number);
  const db = await getDb();
  const slug = `bench-credits-${randomUUID().slice(0, 8)}`;
  const tenant = await db.tenant.create({ data: { slug, name: "Bench credits", plan: "PRO" } });
  const user = await db.user.create({
    data: { email: `${slug}@bench.test`, name: "Bench", emailVerifiedAt: new Date() },
  });
  const ctx: Ctx = { tenantId: tenant.id, userId: user.id, role: "OWNER", requestId: "bench" };
  await inRequest(ctx, () =>
    grantCredits({ tenantId: tenant.id, credits: 100_000_000, kind: "grant", reason: "bench" }),
  );

  const pair = () =>
    inRequest(ctx, async () => {
      const r = await reserveCredits(ctx, CALL);
      await settleReservation(ctx, r.id, { usage: USAGE, model: MODEL, outcome: "ok", latencyMs: 300 });
    });
  const emptyPipelined = () =>
    inRequest(ctx, async () => {
      await tenantPipeline(ctx.tenantId, (tx) => tx.finish(Prisma.sql`SELECT 1`));
      await tenantPipeline(ctx.tenantId, (tx) => tx.finish(Prisma.sql`SELECT 1`));
    });
  const empty = () =>
    inRequest(ctx, async () => {
      const tenantDb = db.forTenant(ctx);
      await tenantDb.$tenantTransaction((tx) => tx.$queryRaw`SELECT 1`);
      await tenantDb.$tenantTransaction((tx) => tx.$queryRaw`SELECT 1`);
    });

  await throughput(100, 8, pair); // warm-up: pool connections, prepared plans, JIT
  await throughput(100, 8, empty);
  await throughput(100, 8, emptyPipelined);
  const lines = [`credits: ${calls.toLocaleString("en")} reserve+settle pairs on one tenant (one hot balance row)`];
  for (const concurrency of levels) {
    const base = await throughput(calls, concurrency, empty);
    const floor = await throughput(calls, concurrency, emptyPipelined);
    const real = await throughput(calls, concurrency, pair);
    lines.push(
      `  concurrency ${String(concurrency).padStart(2)}: ${real.toFixed(0)} reserve+settle/s ${real >= 1000 ? "pass" : "MISS"} (target ≥ 1,000)` +
        ` — two empty Prisma tenant transactions ${base.toFixed(0)}/s (ratio ${(real / base).toFixed(2)}),` +
        ` two empty pipelined ones ${floor.toFixed(0)}/s (ratio ${(real / floor).toFixed(2)})`,
    );
  }
  const { balance } = await readCreditBalance(ctx);
  const sum = await db
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) => tx.$queryRaw<{ s: bigint }[]>`SELECT COALESCE(SUM(delta), 0)::bigint AS s FROM credit_ledger`,
    );
  lines.push(`  balance ${balance} = ledger sum ${sum[0]!.s}: ${balance === sum[0]!.s ? "yes" : "NO"}`);
  return lines;
}
