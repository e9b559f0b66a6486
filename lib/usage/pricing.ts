// The cost of one AI call, computed exactly the way ai_usage.cost_credits is (the GENERATED
// column in the credits_and_usage migration): NUMERIC multiplies without rounding, and so does
// this, on scaled BigInts. Used to estimate a reservation's maximum before the call and by the
// tests that compare the column with a hand computation. Pure: no server-only imports.

/** A price snapshot: $ per million tokens, and the multipliers in force when the call is made. */
export type PriceSnapshot = {
  inputPerMtok: string;
  outputPerMtok: string;
  cacheReadPerMtok: string;
  cacheWritePerMtok: string;
  tierMultiplier: string;
  regionMultiplier: string;
  batchDiscount: string;
};

export type TokenCounts = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
};

/** An exact decimal: value = units / 10^scale. */
type Dec = { units: bigint; scale: number };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string | number): Dec {
  const s = String(text).trim();
  const m = DECIMAL.exec(s);
  if (!m) throw new Error(`Not a decimal number: "${s}"`);
  const frac = m[3] ?? "";
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] ? -units : units, scale: frac.length };
}

const pow10 = (n: number) => 10n ** BigInt(n);

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

const add = (a: Dec, b: Dec): Dec => {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
};
const mul = (a: Dec, b: Dec): Dec => ({ units: a.units * b.units, scale: a.scale + b.scale });

/** Canonical text: no trailing fractional zeros ("1.2300" → "1.23", "5.000" → "5"). */
export function formatDecimal(d: Dec): string {
  const neg = d.units < 0n;
  let digits = (neg ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  let scale = d.scale;
  while (scale > 0 && digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    scale--;
  }
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

/** Normalises a NUMERIC as PostgreSQL prints it ("0.0275000000") for comparison. */
export const normalizeDecimal = (text: string | number) => formatDecimal(parseDecimal(text));

/** Exact cost in credits (1 credit = $0.001), same expression as the generated column. */
export function costCredits(tokens: TokenCounts, price: PriceSnapshot, batch: boolean): string {
  return formatDecimal(costDec(tokens, price, batch));
}

function costDec(tokens: TokenCounts, price: PriceSnapshot, batch: boolean): Dec {
  const t = (n: number | undefined) => parseDecimal(Math.trunc(n ?? 0));
  const sum = [
    mul(t(tokens.inputTokens), parseDecimal(price.inputPerMtok)),
    mul(t(tokens.outputTokens), parseDecimal(price.outputPerMtok)),
    mul(t(tokens.cacheReadTokens), parseDecimal(price.cacheReadPerMtok)),
    mul(t(tokens.cacheWriteTokens), parseDecimal(price.cacheWritePerMtok)),
  ].reduce(add);
  const factors = [
    parseDecimal(price.tierMultiplier),
    parseDecimal(price.regionMultiplier),
    batch ? parseDecimal(price.batchDiscount) : parseDecimal(1),
    parseDecimal("0.001"),
  ];
  return factors.reduce(mul, sum);
}

/** Whole credits to charge for a cost: rounded up (a call never costs 0 unless it used nothing). */
export function ceilCredits(tokens: TokenCounts, price: PriceSnapshot, batch: boolean): bigint {
  const d = costDec(tokens, price, batch);
  const div = pow10(d.scale);
  const q = d.units / div;
  return d.units % div === 0n || d.units < 0n ? q : q + 1n;
}

/**
 * The most a call can cost: every input token billed at the dearest input rate (a cache write
 * costs more than a plain input token) plus every possible output token. Reserving this means
 * settling never needs more than was held.
 */
export function maxCostCredits(
  maxInputTokens: number,
  maxOutputTokens: number,
  price: PriceSnapshot,
  batch: boolean,
): bigint {
  const dearestInput =
    Number(price.cacheWritePerMtok) > Number(price.inputPerMtok) ? "cacheWriteTokens" : "inputTokens";
  return ceilCredits({ inputTokens: 0, outputTokens: maxOutputTokens, [dearestInput]: maxInputTokens }, price, batch);
}
