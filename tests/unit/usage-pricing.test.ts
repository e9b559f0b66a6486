// lib/usage/pricing.ts: exact decimal cost (matches the generated column), ceil and the
// reservation maximum.
import { ceilCredits, costCredits, maxCostCredits, normalizeDecimal, parseDecimal } from "@/lib/usage/pricing";

const HAIKU = {
  inputPerMtok: "1",
  outputPerMtok: "5",
  cacheReadPerMtok: "0.1",
  cacheWritePerMtok: "1.25",
  tierMultiplier: "0.9",
  regionMultiplier: "1.1",
  batchDiscount: "0.5",
};

test("cost is exact: (300×1 + 200×5) × 0.9 × 1.1 × 0.001 = 1.287", () => {
  expect(costCredits({ inputTokens: 300, outputTokens: 200 }, HAIKU, false)).toBe("1.287");
  expect(costCredits({ inputTokens: 300, outputTokens: 200 }, HAIKU, true)).toBe("0.6435");
  expect(ceilCredits({ inputTokens: 300, outputTokens: 200 }, HAIKU, false)).toBe(2n);
  expect(ceilCredits({ inputTokens: 0, outputTokens: 0 }, HAIKU, false)).toBe(0n);
});

test("cache tokens are priced at their own rates: (1000×0.1 + 1000×1.25) × 0.9 × 1.1 × 0.001 = 1.3365", () => {
  expect(
    costCredits({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 1000, cacheWriteTokens: 1000 }, HAIKU, false),
  ).toBe("1.3365");
});

test("the reservation maximum prices every input token at the dearest input rate", () => {
  const free = { ...HAIKU, tierMultiplier: "1", regionMultiplier: "1" };
  expect(maxCostCredits(1000, 1000, free, false)).toBe(7n); // 6.25 → 7
  expect(maxCostCredits(1000, 1000, free, true)).toBe(4n); // 3.125 → 4
});

test("decimals parse and print canonically; bad input is refused", () => {
  expect(normalizeDecimal("0.0275000000")).toBe("0.0275");
  expect(normalizeDecimal("5.000")).toBe("5");
  expect(parseDecimal("-1.5")).toEqual({ units: -15n, scale: 1 });
  expect(() => parseDecimal("1e5")).toThrow(/Not a decimal/);
});
