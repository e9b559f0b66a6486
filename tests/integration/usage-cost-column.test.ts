// ai_usage.cost_credits (a GENERATED ALWAYS … STORED column) against a hand computation, for
// every seeded model price × plan tier × region × batch or not: 3 × 3 × 2 × 2 = 36 rows.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { costCredits, normalizeDecimal } from "@/lib/usage/pricing";

const MODELS = [
  { model: "claude-haiku-4-5", input: "1", output: "5", cacheRead: "0.1", cacheWrite: "1.25" },
  { model: "claude-sonnet-4-5", input: "3", output: "15", cacheRead: "0.3", cacheWrite: "3.75" },
  { model: "claude-opus-4-5", input: "5", output: "25", cacheRead: "0.5", cacheWrite: "6.25" },
];
const TIERS = [
  ["FREE", "1"],
  ["PRO", "0.9"],
  ["ENTERPRISE", "0.8"],
] as const;
const REGIONS = [
  ["eu", "1.1"],
  ["us", "1"],
] as const;
const TOKENS = { inputTokens: 123_457, outputTokens: 9_876, cacheReadTokens: 50_001, cacheWriteTokens: 7_003 };

/** Hand computation in integer micro-cents: tokens × price(×100) … kept exact by scaling. */
function byHand(m: (typeof MODELS)[number], tier: string, region: string, batch: boolean): string {
  // Prices × 100 and multipliers × 100 are integers; divide once at the end.
  const p = (x: string) => BigInt(Math.round(Number(x) * 100));
  const sum =
    BigInt(TOKENS.inputTokens) * p(m.input) +
    BigInt(TOKENS.outputTokens) * p(m.output) +
    BigInt(TOKENS.cacheReadTokens) * p(m.cacheRead) +
    BigInt(TOKENS.cacheWriteTokens) * p(m.cacheWrite);
  const units = sum * p(tier) * p(region) * (batch ? 50n : 100n); // scale 10^8
  // × 0.001 credits per $·10^-6 → value = units / 10^8 / 1000 = units / 10^11
  const s = units.toString().padStart(12, "0");
  return normalizeDecimal(`${s.slice(0, -11)}.${s.slice(-11)}`);
}

afterAll(async () => {
  await (await getDatabase()).close?.();
});

test("cost_credits = hand computation for every price × tier × region × batch combination", async () => {
  const db = await getDb();
  const tenant = await db.tenant.create({ data: { slug: `cost-${randomUUID().slice(0, 8)}`, name: "Cost Org" } });
  const cases = MODELS.flatMap((m) =>
    TIERS.flatMap(([, tier]) =>
      REGIONS.flatMap(([, region]) => [false, true].map((batch) => ({ m, tier, region, batch }))),
    ),
  );
  expect(cases).toHaveLength(36);
  const rows = await db.forTenant({ tenantId: tenant.id }).$tenantTransaction((tx) =>
    Promise.all(
      cases.map((c) =>
        tx.aiUsage.create({
          data: {
            tenantId: tenant.id,
            feature: "chat",
            model: c.m.model,
            ...TOKENS,
            latencyMs: 1,
            outcome: "ok",
            batch: c.batch,
            priceInputPerMtok: c.m.input,
            priceOutputPerMtok: c.m.output,
            priceCacheReadPerMtok: c.m.cacheRead,
            priceCacheWritePerMtok: c.m.cacheWrite,
            tierMultiplier: c.tier,
            regionMultiplier: c.region,
            batchDiscount: "0.5",
          },
          select: { costCredits: true },
        }),
      ),
    ),
  );
  cases.forEach((c, i) => {
    const column = normalizeDecimal(rows[i]!.costCredits.toFixed(20));
    expect({ ...c, cost: column }).toEqual({ ...c, cost: byHand(c.m, c.tier, c.region, c.batch) });
    const snapshot = {
      inputPerMtok: c.m.input,
      outputPerMtok: c.m.output,
      cacheReadPerMtok: c.m.cacheRead,
      cacheWritePerMtok: c.m.cacheWrite,
      tierMultiplier: c.tier,
      regionMultiplier: c.region,
      batchDiscount: "0.5",
    };
    expect(costCredits(TOKENS, snapshot, c.batch)).toBe(column);
  });
});
