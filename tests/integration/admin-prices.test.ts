// The price table (platform admins, /admin/prices): a new model price applies to calls made
// after it and never to a usage row already charged; a later day's price waits for its day; a
// multiplier change keeps its before/after in the platform audit log; bad input is a field
// error; only an enabled platform admin may do any of it.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import type { PlatformContext } from "@/lib/admin/types";
import { grantCredits, reserveCredits, settleReservation } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { listPrices } from "@/lib/usage/list-prices";
import { setModelPrice } from "@/lib/usage/set-model-price";
import { setPriceMultiplier } from "@/lib/usage/set-price-multiplier";
import { inRequestContext } from "../support/request-context";

const run = randomUUID().slice(0, 8);

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function admin(platformRole: "ADMIN" | "NONE" = "ADMIN", disabled = false): Promise<PlatformContext> {
  const db = await getDb();
  const user = await db.user.create({
    data: {
      email: `prices-${randomUUID().slice(0, 8)}@admin.test`,
      name: "Price Admin",
      platformRole,
      disabledAt: disabled ? new Date() : null,
    },
  });
  return { adminId: user.id, requestId: `req-${randomUUID()}` };
}

const asAdmin = <T>(ctx: PlatformContext, fn: () => Promise<T>) =>
  inRequestContext({ userId: ctx.adminId, actorType: "platform_admin", requestId: ctx.requestId }, fn);

async function platformEvent(targetId: string) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<{ action: string; actor_id: string; data: Record<string, unknown> }[]>`
      SELECT action, actor_id::text, data FROM audit_events WHERE tenant_id IS NULL AND target_id = ${targetId}`;
  });
}

const price = (model: string, over: Record<string, unknown> = {}) => ({
  model,
  inputPerMtok: "2",
  outputPerMtok: "10",
  cacheReadPerMtok: "0.2",
  cacheWritePerMtok: "2.5",
  reason: "Provider price change",
  ...over,
});

async function costOfOneCall(tenantId: string, userId: string, model: string) {
  const ctx = { tenantId, userId };
  return inRequestContext({ userId, requestId: `req-${randomUUID()}` }, async () => {
    const r = await reserveCredits(ctx, { feature: "case_summary", model, maxInputTokens: 1000, maxOutputTokens: 100 });
    const s = await settleReservation(ctx, r.id, {
      usage: { inputTokens: 100_000, outputTokens: 10_000 },
      model,
      outcome: "ok",
      latencyMs: 10,
    });
    const db = await getDb();
    const rows = await db
      .forTenant(ctx)
      .$tenantTransaction(
        (tx) =>
          tx.$queryRaw<
            { cost: string }[]
          >`SELECT cost_credits::text AS cost FROM ai_usage WHERE id = ${s.usageId}::uuid`,
      );
    return { usageId: s.usageId!, cost: rows[0]!.cost };
  });
}

test("a new price applies to the next call; the usage row already charged keeps its cost", async () => {
  const ctx = await admin();
  const model = `probe-model-${run}-a`;
  await asAdmin(ctx, () => setModelPrice(ctx, price(model, { inputPerMtok: "1", outputPerMtok: "5" })));
  const db = await getDb();
  const tenant = await db.tenant.create({
    data: { slug: `pr-${randomUUID().slice(0, 8)}`, name: "Prices", plan: "FREE", dataRegion: "us" },
  });
  const user = await db.user.create({ data: { email: `u-${randomUUID().slice(0, 8)}@prices.test`, name: "U" } });
  await inRequestContext({ requestId: "grant" }, () =>
    grantCredits({ tenantId: tenant.id, credits: 10_000, kind: "grant", reason: "test" }),
  );

  // 100,000 × $1/M + 10,000 × $5/M = $0.15 → 150 credits (FREE ×1, us ×1).
  const before = await costOfOneCall(tenant.id, user.id, model);
  expect(Number(before.cost)).toBe(150);

  // Prices are per transaction start (now()); a new row one millisecond later replaces it.
  await new Promise((r) => setTimeout(r, 5));
  const saved = await asAdmin(ctx, () => setModelPrice(ctx, price(model, { inputPerMtok: "2", outputPerMtok: "10" })));
  const after = await costOfOneCall(tenant.id, user.id, model);
  expect(Number(after.cost)).toBe(300);

  const again = await db
    .forTenant({ tenantId: tenant.id })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          { cost: string }[]
        >`SELECT cost_credits::text AS cost FROM ai_usage WHERE id = ${before.usageId}::uuid`,
    );
  expect(Number(again[0]!.cost)).toBe(150);

  const table = await asAdmin(ctx, () => listPrices(ctx));
  const rows = table.prices.filter((p) => p.model === model);
  expect(rows.map((p) => [p.inputPerMtok, p.state])).toEqual([
    ["2", "current"],
    ["1", "past"],
  ]);
  const [event] = await platformEvent(saved.id);
  expect(event).toMatchObject({
    action: "admin.model_price_set",
    actor_id: ctx.adminId,
    data: expect.objectContaining({ model, inputPerMtok: "2", reason: "Provider price change" }),
  });
});

test("a price from a later day is scheduled, not in force; the same start twice is a field error", async () => {
  const ctx = await admin();
  const model = `probe-model-${run}-b`;
  await asAdmin(ctx, () => setModelPrice(ctx, price(model)));
  const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await asAdmin(ctx, () => setModelPrice(ctx, price(model, { inputPerMtok: "9", effectiveFrom: later })));
  const rows = (await asAdmin(ctx, () => listPrices(ctx))).prices.filter((p) => p.model === model);
  expect(rows.map((p) => [p.inputPerMtok, p.state])).toEqual([
    ["9", "scheduled"],
    ["2", "current"],
  ]);
  expect(rows[0]!.effectiveFrom.toISOString()).toBe(`${later}T00:00:00.000Z`);

  const twice = asAdmin(ctx, () => setModelPrice(ctx, price(model, { effectiveFrom: later })));
  await expect(twice).rejects.toBeInstanceOf(ValidationError);
  await expect(twice).rejects.toMatchObject({ fieldErrors: { effectiveFrom: [expect.stringContaining("already")] } });
});

test.each([
  [{ model: "Claude Haiku" }, "model"],
  [{ model: "" }, "model"],
  [{ inputPerMtok: "-1" }, "inputPerMtok"],
  [{ outputPerMtok: "1e3" }, "outputPerMtok"],
  [{ cacheReadPerMtok: "0.1234567" }, "cacheReadPerMtok"],
  [{ cacheWritePerMtok: "1\u0000" }, "cacheWritePerMtok"],
  [{ effectiveFrom: "2020-01-01" }, "effectiveFrom"],
  [{ effectiveFrom: "2099-13-45" }, "effectiveFrom"],
  [{ reason: "no" }, "reason"],
])("bad price input %j is a field error on %s, and nothing is saved", async (over, field) => {
  const ctx = await admin();
  const model = `probe-model-${run}-bad-${randomUUID().slice(0, 6)}`;
  const attempt = asAdmin(ctx, () => setModelPrice(ctx, price(model, over)));
  await expect(attempt).rejects.toBeInstanceOf(ValidationError);
  await expect(attempt).rejects.toMatchObject({ fieldErrors: { [field]: expect.any(Array) } });
  const db = await getDb();
  expect(await db.$queryRaw<unknown[]>`SELECT 1 FROM model_prices WHERE model = ${model}`).toEqual([]);
});

test("a multiplier change keeps before and after in the audit log; bad keys and values are field errors", async () => {
  const ctx = await admin();
  const region = `r${run.replace(/[^a-z]/g, "").slice(0, 6) || "x"}`.slice(0, 10);
  const first = await asAdmin(ctx, () =>
    setPriceMultiplier(ctx, { kind: "region", key: region, value: "1.2", reason: "New region opened" }),
  );
  expect(first).toEqual({ kind: "region", key: region, before: null, after: "1.2" });
  const second = await asAdmin(ctx, () =>
    setPriceMultiplier(ctx, { kind: "region", key: region, value: "1.15", reason: "Cheaper hosting" }),
  );
  expect(second).toMatchObject({ before: "1.2", after: "1.15" });
  const events = await platformEvent(`region:${region}`);
  expect(events.map((e) => e.data)).toEqual(
    expect.arrayContaining([expect.objectContaining({ before: "1.2", after: "1.15", reason: "Cheaper hosting" })]),
  );
  const table = await asAdmin(ctx, () => listPrices(ctx));
  expect(table.multipliers).toContainEqual(expect.objectContaining({ kind: "region", key: region, value: "1.15" }));

  for (const [input, field] of [
    [{ kind: "tier", key: "GOLD", value: "0.5" }, "key"],
    [{ kind: "batch", key: "discount", value: "1.5" }, "value"],
    [{ kind: "region", key: "eu", value: "0" }, "value"],
    [{ kind: "region", key: "eu", value: "abc" }, "value"],
    [{ kind: "vip", key: "eu", value: "1" }, "kind"],
  ] as const) {
    const attempt = asAdmin(ctx, () => setPriceMultiplier(ctx, { ...input, reason: "Trying a bad one" } as never));
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { [field]: expect.any(Array) } });
  }
});

test("only an enabled platform admin may read or change prices", async () => {
  for (const ctx of [await admin("NONE"), await admin("ADMIN", true), { adminId: "not-a-uuid", requestId: "r" }]) {
    await expect(asAdmin(ctx, () => listPrices(ctx))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asAdmin(ctx, () => setModelPrice(ctx, price(`probe-model-${run}-x`)))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      asAdmin(ctx, () => setPriceMultiplier(ctx, { kind: "tier", key: "PRO", value: "0.1", reason: "Sneaky change" })),
    ).rejects.toBeInstanceOf(ForbiddenError);
  }
  const db = await getDb();
  const rows = await db.$queryRaw<
    { value: string }[]
  >`SELECT value::text FROM price_multipliers WHERE kind = 'tier' AND key = 'PRO'`;
  expect(Number(rows[0]!.value)).toBe(0.9);
});
