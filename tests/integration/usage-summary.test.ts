// The billing page's usage charts: credits per UTC day, per AI feature and per person, summed
// from the usage table's generated cost column; only the tenant's own usage; every day of the
// window present (0 where nothing was spent); nothing at all is an empty summary, not an error.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { grantCredits, releaseReservation, reserveCredits, settleReservation } from "@/lib/credits";
import type { AiFeature } from "@/lib/ai/features";
import { getDatabase, getDb } from "@/lib/db";
import { readUsageSummary, USAGE_DAYS } from "@/lib/usage/read-usage-summary";
import { inRequestContext } from "../support/request-context";

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function org() {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `us-${randomUUID().slice(0, 10)}`, name: "Usage Org" } });
  const user = await db.user.create({ data: { email: `us-${randomUUID().slice(0, 8)}@t.test`, name: "Ada Usage" } });
  await inRequestContext({}, () => grantCredits({ tenantId: t.id, credits: 100_000, kind: "grant", reason: "t" }));
  return { tenantId: t.id, userId: user.id };
}

async function spend(ctx: { tenantId: string; userId: string | null }, feature: AiFeature, outputTokens: number) {
  return inRequestContext({ tenantId: ctx.tenantId, userId: ctx.userId ?? undefined }, async () => {
    const model = "claude-haiku-4-5";
    const r = await reserveCredits(ctx, { feature, model, maxInputTokens: 1000, maxOutputTokens: 5000 });
    await settleReservation(ctx, r.id, {
      usage: { inputTokens: 1000, outputTokens },
      model,
      outcome: "ok",
      latencyMs: 100,
    });
  });
}

test("per day, per feature and per person, from the cost column; another tenant's usage never counts", async () => {
  const a = await org();
  const b = await org();
  await spend(a, "chat", 2000);
  await spend(a, "chat", 1000);
  await spend(a, "case_summary", 500);
  await spend({ tenantId: a.tenantId, userId: null }, "case_summary", 500);
  await spend(b, "chat", 4000);
  // A held-and-released request spent nothing: no usage row.
  await inRequestContext({}, async () => {
    const r = await reserveCredits(a, {
      feature: "intake",
      model: "claude-haiku-4-5",
      maxInputTokens: 10,
      maxOutputTokens: 10,
    });
    await releaseReservation(a, r.id);
  });

  const s = await readUsageSummary(a);
  const db = await getDb();
  const [own] = await db
    .forTenant(a)
    .$tenantTransaction(
      (tx) => tx.$queryRaw<{ total: number }[]>`SELECT SUM(cost_credits)::float8 AS total FROM ai_usage`,
    );
  expect(s.total).toBeCloseTo(own!.total, 2);
  expect(s.total).toBeGreaterThan(0);
  expect(s.features.map((f) => [f.feature, f.calls])).toEqual([
    ["chat", 2],
    ["case_summary", 2],
  ]);
  expect(s.features[0]!.credits).toBeGreaterThan(s.features[1]!.credits);
  expect(s.users.map((u) => [u.name, u.calls])).toEqual([
    ["Ada Usage", 3],
    [null, 1],
  ]);
  expect(s.days).toHaveLength(USAGE_DAYS);
  expect(s.days.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), credits: s.total });
  expect(s.days.slice(0, -1).every((d) => d.credits === 0)).toBe(true);
  expect(s.days.map((d) => d.day)).toEqual([...s.days.map((d) => d.day)].sort());
  // B's chat is in B's summary only.
  const sb = await readUsageSummary(b);
  expect(sb.features).toEqual([{ feature: "chat", calls: 1, credits: expect.any(Number) }]);
  expect(sb.users.map((u) => u.name)).toEqual(["Ada Usage"]);
  expect(sb.total).toBeGreaterThan(0);
});

test("no usage: every day 0, no features, no people; a window in the past excludes today's usage", async () => {
  const a = await org();
  const empty = await readUsageSummary(a, { days: 7 });
  expect(empty).toEqual({
    days: expect.arrayContaining([{ day: expect.any(String), credits: 0 }]),
    features: [],
    users: [],
    total: 0,
  });
  expect(empty.days).toHaveLength(7);
  await spend(a, "chat", 100);
  const past = await readUsageSummary(a, { days: 3, now: new Date(Date.now() - 10 * 86_400_000) });
  expect(past.total).toBe(0);
  expect((await readUsageSummary(a, { days: 1 })).total).toBeGreaterThan(0);
});
