// Credits (lib/credits) against the real database: concurrent reserves never overdraw, settle
// charges actual tokens and refunds the rest, idempotency, refunds on cancel/error, monthly
// limits, the sweep, what the runtime role may not do, and price changes leaving the past alone.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import {
  grantCredits,
  heartbeatReservation,
  readCreditBalance,
  recordBatchUsage,
  releaseReservation,
  reserveCredits,
  settleReservation,
  sweepStaleReservations,
  withAiCredits,
} from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { NotFoundError, PaymentRequiredError, RateLimitedError, ValidationError } from "@/lib/errors";
import { inRequestContext } from "../support/request-context";

const HAIKU = "claude-haiku-4-5";
type RawTx = { $executeRaw(q: TemplateStringsArray, ...v: unknown[]): Promise<number> };

async function world(balance: number, plan: "FREE" | "PRO" | "ENTERPRISE" = "FREE", region = "us") {
  const db = await getDb();
  const slug = `cr-${randomUUID().slice(0, 10)}`;
  const tenant = await db.tenant.create({ data: { slug, name: "Credits Org", plan, dataRegion: region } });
  const user = await db.user.create({
    data: { email: `${slug}@credits.test`, name: "Cred", emailVerifiedAt: new Date() },
  });
  const ctx = { tenantId: tenant.id, userId: user.id };
  if (balance > 0)
    await act(() => grantCredits({ tenantId: tenant.id, credits: balance, kind: "grant", reason: "test" }));
  return { ctx, slug };
}

const act = <T>(fn: () => Promise<T>) => inRequestContext({ requestId: `req-${randomUUID()}` }, fn);

async function ledgerSum(tenantId: string) {
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    const [r] = await tx.$queryRaw<{ s: bigint }[]>`SELECT COALESCE(SUM(delta), 0)::bigint AS s FROM credit_ledger`;
    return r!.s;
  });
}

afterAll(async () => {
  await (await getDatabase()).close?.();
});

// haiku, FREE × us, at most 1,000 input tokens (priced as cache writes, the dearest input: 1.25)
// + 1,000 output: (1000×1.25 + 1000×5) × 0.001 = 6.25 → 7 credits reserved.
const SMALL = { feature: "chat" as const, model: HAIKU, maxInputTokens: 1000, maxOutputTokens: 1000 };

test("200 concurrent reserves against a balance covering 50: exactly 50 succeed, 150 get 402", async () => {
  const { ctx, slug } = await world(7 * 50);
  const results = await Promise.allSettled(Array.from({ length: 200 }, () => act(() => reserveCredits(ctx, SMALL))));
  const ok = results.filter((r) => r.status === "fulfilled");
  const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
  expect(ok).toHaveLength(50);
  expect(refused).toHaveLength(150);
  for (const err of refused) {
    expect(err).toBeInstanceOf(PaymentRequiredError);
    expect(err.status).toBe(402);
  }
  expect(refused[0].message).toMatch(/^Not enough AI credits: this needs up to 7, the balance is \d+\.$/);
  expect(refused[0].details).toMatchObject({ billingUrl: `/${slug}/settings/billing`, needed: 7 });
  const after = await readCreditBalance(ctx);
  expect(after).toEqual({ balance: 0n, reserved: 350n });
  expect(await ledgerSum(ctx.tenantId)).toBe(0n);
}, 120_000);

test("a tenant without credits gets the 402 message with its billing link", async () => {
  const { ctx, slug } = await world(0);
  const err = await act(() => reserveCredits(ctx, SMALL)).catch((e) => e);
  expect(err).toBeInstanceOf(PaymentRequiredError);
  expect(err.message).toBe("Not enough AI credits: this needs up to 7, the balance is 0.");
  expect(err.details).toEqual({ billingUrl: `/${slug}/settings/billing`, needed: 7, balance: 0 });
});

test("settle charges the actual tokens, refunds the rest, writes the usage row; settling twice changes nothing", async () => {
  const { ctx } = await world(100);
  const r = await act(() => reserveCredits(ctx, SMALL));
  expect(r.credits).toBe(7n);
  expect(await readCreditBalance(ctx)).toEqual({ balance: 93n, reserved: 7n });
  const requestId = `req-${randomUUID()}`;
  const settled = await inRequestContext({ requestId }, () =>
    settleReservation(ctx, r.id, {
      usage: { inputTokens: 300, outputTokens: 200 },
      model: HAIKU,
      outcome: "ok",
      latencyMs: 42,
    }),
  );
  // (300×1 + 200×5) × 0.001 = 1.3 → 2 credits.
  expect(settled.creditsUsed).toBe(2n);
  expect(settled.balance).toBe(98n);
  expect(await readCreditBalance(ctx)).toEqual({ balance: 98n, reserved: 0n });
  const again = await act(() =>
    settleReservation(ctx, r.id, {
      usage: { inputTokens: 9000, outputTokens: 9000 },
      model: HAIKU,
      outcome: "ok",
      latencyMs: 1,
    }),
  );
  expect(again).toEqual(settled);
  const db = await getDb();
  const usage = await db.forTenant(ctx).aiUsage.findMany();
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ requestId, feature: "chat", outcome: "ok", latencyMs: 42, userId: ctx.userId });
  expect(usage[0]!.costCredits.toString()).toBe("1.3");
  const ledger = await db.forTenant(ctx).creditLedgerEntry.findMany({ where: { reservationId: r.id } });
  expect(ledger.map((l) => [l.kind, l.delta]).sort()).toEqual([
    ["refund", 7n],
    ["reserve", -7n],
    ["settle", -2n],
  ]);
  expect(ledger.filter((l) => l.kind !== "reserve").every((l) => l.usageId === usage[0]!.id)).toBe(true);
  expect(await ledgerSum(ctx.tenantId)).toBe(98n);
  const audit = await db.forTenant(ctx).auditEvent.findMany({ where: { action: { startsWith: "credits." } } });
  expect(audit.map((a) => a.action).sort()).toEqual(["credits.grant", "credits.reserved", "credits.settled"]);
});

test("ten concurrent settles of one reservation charge it once; all report the same charge", async () => {
  const { ctx } = await world(100);
  const r = await act(() => reserveCredits(ctx, SMALL));
  const usage = { inputTokens: 300, outputTokens: 200 };
  const all = await Promise.all(
    Array.from({ length: 10 }, () =>
      act(() => settleReservation(ctx, r.id, { usage, model: HAIKU, outcome: "ok", latencyMs: 5 })),
    ),
  );
  expect(new Set(all.map((s) => `${s.creditsUsed}/${s.usageId}`)).size).toBe(1);
  expect(all[0]!.creditsUsed).toBe(2n);
  const db = await getDb();
  expect(await db.forTenant(ctx).aiUsage.count()).toBe(1);
  const kinds = (await db.forTenant(ctx).creditLedgerEntry.findMany({ where: { reservationId: r.id } })).map(
    (l) => l.kind,
  );
  expect(kinds.sort()).toEqual(["refund", "reserve", "settle"]);
  expect(await readCreditBalance(ctx)).toEqual({ balance: 98n, reserved: 0n });
  expect(await ledgerSum(ctx.tenantId)).toBe(98n);
  const settledEvents = await db.forTenant(ctx).auditEvent.findMany({ where: { action: "credits.settled" } });
  expect(settledEvents).toHaveLength(1);
  expect(settledEvents[0]!.data).toMatchObject({ reserved: 7, charged: 2, outcome: "ok" });
});

test("settling with a model that has no price is refused and writes nothing; the hold stays open", async () => {
  const { ctx } = await world(100);
  const r = await act(() => reserveCredits(ctx, SMALL));
  await expect(
    act(() =>
      settleReservation(ctx, r.id, {
        usage: { inputTokens: 1, outputTokens: 1 },
        model: "no-such-model",
        outcome: "ok",
        latencyMs: 1,
      }),
    ),
  ).rejects.toBeInstanceOf(ValidationError);
  const db = await getDb();
  expect(await db.forTenant(ctx).aiUsage.count()).toBe(0);
  expect(await readCreditBalance(ctx)).toEqual({ balance: 93n, reserved: 7n });
  // The hold can still be settled properly.
  const ok = await act(() =>
    settleReservation(ctx, r.id, {
      usage: { inputTokens: 300, outputTokens: 200 },
      model: HAIKU,
      outcome: "ok",
      latencyMs: 1,
    }),
  );
  expect(ok.creditsUsed).toBe(2n);
});

test("withAiCredits: an errored call is charged what it used and refunded the rest; a cancelled one too", async () => {
  const { ctx } = await world(100);
  const boom = await act(() =>
    withAiCredits(ctx, SMALL, async (meter) => {
      meter.record({ inputTokens: 1000, outputTokens: 0 });
      throw new Error("provider 529");
    }),
  ).catch((e) => e);
  expect(boom.message).toBe("provider 529");
  expect(await readCreditBalance(ctx)).toEqual({ balance: 99n, reserved: 0n });
  const abort = Object.assign(new Error("aborted"), { name: "AbortError" });
  await expect(act(() => withAiCredits(ctx, SMALL, async () => Promise.reject(abort)))).rejects.toBe(abort);
  expect(await readCreditBalance(ctx)).toEqual({ balance: 99n, reserved: 0n });
  const ok = await act(() =>
    withAiCredits(ctx, SMALL, async (meter) => {
      meter.record({ inputTokens: 500, outputTokens: 500 });
      return "summary";
    }),
  );
  expect(ok.value).toBe("summary");
  expect(ok.settled.creditsUsed).toBe(3n);
  const db = await getDb();
  const outcomes = (await db.forTenant(ctx).aiUsage.findMany()).map((u) => u.outcome).sort();
  expect(outcomes).toEqual(["cancelled", "error", "ok"]);
  expect(await ledgerSum(ctx.tenantId)).toBe(96n);
});

test("release gives the whole hold back once; heartbeat and release of unknown ids → not found", async () => {
  const { ctx } = await world(10);
  const r = await act(() => reserveCredits(ctx, SMALL));
  expect(await act(() => heartbeatReservation(ctx, r.id))).toBe(true);
  expect(await act(() => releaseReservation(ctx, r.id))).toEqual({ released: true, credits: 7n });
  expect(await act(() => releaseReservation(ctx, r.id))).toEqual({ released: false, credits: 0n });
  expect(await act(() => heartbeatReservation(ctx, r.id))).toBe(false);
  expect(await readCreditBalance(ctx)).toEqual({ balance: 10n, reserved: 0n });
  await expect(act(() => releaseReservation(ctx, randomUUID()))).rejects.toBeInstanceOf(NotFoundError);
  await expect(act(() => heartbeatReservation(ctx, randomUUID()))).rejects.toBeInstanceOf(NotFoundError);
});

test("another tenant's reservation is not found: settle, release, heartbeat", async () => {
  const a = await world(10);
  const b = await world(10);
  const r = await act(() => reserveCredits(b.ctx, SMALL));
  const usage = { usage: { inputTokens: 1, outputTokens: 1 }, model: HAIKU, outcome: "ok" as const, latencyMs: 1 };
  await expect(act(() => settleReservation(a.ctx, r.id, usage))).rejects.toBeInstanceOf(NotFoundError);
  await expect(act(() => releaseReservation(a.ctx, r.id))).rejects.toBeInstanceOf(NotFoundError);
  await expect(act(() => heartbeatReservation(a.ctx, r.id))).rejects.toBeInstanceOf(NotFoundError);
  expect(await readCreditBalance(b.ctx)).toEqual({ balance: 3n, reserved: 7n });
});

test("monthly limits: the tenant's and the person's → 429 naming the limit", async () => {
  const { ctx } = await world(1000);
  const r = await act(() => reserveCredits(ctx, { ...SMALL, limits: { tenantMonthly: 10 } }));
  await act(() =>
    settleReservation(ctx, r.id, {
      usage: { inputTokens: 1000, outputTokens: 1000 },
      model: HAIKU,
      outcome: "ok",
      latencyMs: 1,
    }),
  );
  const err = await act(() => reserveCredits(ctx, { ...SMALL, limits: { tenantMonthly: 10 } })).catch((e) => e);
  expect(err).toBeInstanceOf(RateLimitedError);
  expect(err.status).toBe(429);
  expect(err.message).toMatch(/organisation's monthly limit for chat \(10 credits\)/);
  await act(() => reserveCredits(ctx, { ...SMALL, limits: { userMonthly: 19 } }));
  const userErr = await act(() => reserveCredits(ctx, { ...SMALL, limits: { userMonthly: 19 } })).catch((e) => e);
  expect(userErr).toBeInstanceOf(RateLimitedError);
  expect(userErr.message).toMatch(/per-person monthly limit for chat \(19 credits\)/);
  // Another feature has its own count.
  await act(() => reserveCredits(ctx, { ...SMALL, feature: "briefing", limits: { tenantMonthly: 10 } }));
});

test("the sweep releases a reservation whose heartbeat stopped, and leaves a live one", async () => {
  const { ctx } = await world(20);
  const dead = await act(() => reserveCredits(ctx, SMALL));
  const live = await act(() => reserveCredits(ctx, SMALL));
  await (
    await getDb()
  )
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$executeRaw`UPDATE credit_reservations SET heartbeat_at = now() - interval '1 hour' WHERE id = ${dead.id}::uuid`,
    );
  const out = await sweepStaleReservations({ minutes: 10 });
  expect(out.released).toBeGreaterThanOrEqual(1);
  const db = await getDb();
  const rows = await db.forTenant(ctx).creditReservation.findMany({ select: { id: true, status: true } });
  expect(rows.find((r) => r.id === dead.id)?.status).toBe("released");
  expect(rows.find((r) => r.id === live.id)?.status).toBe("open");
  expect(await readCreditBalance(ctx)).toEqual({ balance: 13n, reserved: 7n });
  const ev = await db.forTenant(ctx).auditEvent.findFirst({ where: { action: "credits.released" } });
  expect(ev?.actorType).toBe("system");
});

test("the runtime role cannot update or delete the ledger or usage, write cost_credits, or touch the balance", async () => {
  const { ctx } = await world(10);
  const r = await act(() => reserveCredits(ctx, SMALL));
  await act(() =>
    settleReservation(ctx, r.id, {
      usage: { inputTokens: 1, outputTokens: 1 },
      model: HAIKU,
      outcome: "ok",
      latencyMs: 1,
    }),
  );
  const db = await getDb();
  const attempts = [
    (tx: RawTx) => tx.$executeRaw`UPDATE credit_ledger SET delta = 1000000`,
    (tx: RawTx) => tx.$executeRaw`DELETE FROM credit_ledger`,
    (tx: RawTx) => tx.$executeRaw`UPDATE ai_usage SET input_tokens = 0`,
    (tx: RawTx) => tx.$executeRaw`DELETE FROM ai_usage`,
    (tx: RawTx) => tx.$executeRaw`UPDATE credit_balances SET balance = 1000000`,
    (tx: RawTx) => tx.$executeRaw`INSERT INTO credit_balances (tenant_id, balance) VALUES (${ctx.tenantId}::uuid, 5)`,
    (tx: RawTx) =>
      tx.$executeRaw`INSERT INTO ai_usage (tenant_id, id, feature, model, input_tokens, output_tokens, latency_ms, outcome,
        price_input_per_mtok, price_output_per_mtok, price_cache_read_per_mtok, price_cache_write_per_mtok, tier_multiplier,
        region_multiplier, batch_discount, cost_credits)
        VALUES (${ctx.tenantId}::uuid, gen_random_uuid(), 'chat', 'm', 1, 1, 1, 'ok', 1, 1, 1, 1, 1, 1, 1, 0)`,
  ];
  for (const attempt of attempts)
    await expect(db.forTenant(ctx).$tenantTransaction((tx) => attempt(tx))).rejects.toThrow();
  expect(await readCreditBalance(ctx)).toEqual({ balance: 9n, reserved: 0n });
  expect(await ledgerSum(ctx.tenantId)).toBe(9n);
});

test("a price change applies to new rows only: past rows keep their cost", async () => {
  const { ctx } = await world(1000);
  const model = `test-model-${randomUUID().slice(0, 6)}`;
  const { base } = await getDatabase();
  await base.$executeRaw`INSERT INTO model_prices (id, model, input_per_mtok, output_per_mtok, cache_read_per_mtok, cache_write_per_mtok, effective_from)
    VALUES (gen_random_uuid(), ${model}, 1, 5, 0.1, 1.25, now() - interval '1 day')`;
  const spec = { ...SMALL, model };
  const use = { usage: { inputTokens: 1000, outputTokens: 1000 }, model, outcome: "ok" as const, latencyMs: 1 };
  const r1 = await act(() => reserveCredits(ctx, spec));
  await act(() => settleReservation(ctx, r1.id, use));
  await base.$executeRaw`INSERT INTO model_prices (id, model, input_per_mtok, output_per_mtok, cache_read_per_mtok, cache_write_per_mtok, effective_from)
    VALUES (gen_random_uuid(), ${model}, 2, 10, 0.2, 2.5, now())`;
  const r2 = await act(() => reserveCredits(ctx, spec));
  expect(r2.credits).toBe(13n);
  await act(() => settleReservation(ctx, r2.id, use));
  const db = await getDb();
  const rows = await db.forTenant(ctx).aiUsage.findMany({ orderBy: { createdAt: "asc" } });
  expect(rows.map((r) => r.costCredits.toString())).toEqual(["6", "12"]);
});

test("batch results: one insert for all rows at the batch discount, settled to their total", async () => {
  const { ctx } = await world(1000);
  const r = await act(() =>
    reserveCredits(ctx, {
      ...SMALL,
      feature: "bulk_classification",
      batch: true,
      maxInputTokens: 100_000,
      maxOutputTokens: 10_000,
    }),
  );
  // (100,000×1.25 + 10,000×5) × 0.5 × 0.001 = 87.5 → 88 credits at most.
  expect(r.credits).toBe(88n);
  const rows = Array.from({ length: 25 }, () => ({
    inputTokens: 2000,
    outputTokens: 200,
    latencyMs: 0,
    outcome: "ok" as const,
  }));
  const out = await act(() => recordBatchUsage(ctx, { reservationId: r.id, model: HAIKU, rows }));
  // Each row (2000 + 1000) × 0.5 × 0.001 = 1.5; 25 rows → 37.5, rounded up once → 38.
  expect(out).toEqual({ rows: 25, creditsUsed: 38n, balance: 962n });
  const db = await getDb();
  expect(await db.forTenant(ctx).aiUsage.count({ where: { batch: true } })).toBe(25);
  expect(await ledgerSum(ctx.tenantId)).toBe(962n);
});
