// Generated hostile input for the schema fuzzing (unit, integration and e2e): strings with NUL
// and other control characters, lone surrogates, huge lengths and every corner of Unicode;
// days far outside the calendar; and values of the wrong type. Plus the checks that what a
// schema accepted is safe to hand to PostgreSQL.
import fc from "fast-check";

/** Characters that have broken something somewhere: NUL, controls, surrogate halves, BOM, RTL, emoji. */
const NASTY_UNITS = [
  "\u0000",
  "\t",
  "\n",
  "\r",
  "\u0001",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009f",
  "\ud800",
  "\udfff",
  "\ufeff",
  "\u202e",
  "\u2028",
  "😀",
  "é",
  "a",
  " ",
  "%",
  "'",
  '"',
  "\\",
  "_",
  ".",
  "-",
  "/",
  "=",
  ",",
  ";",
  "<",
  "0",
  "9",
];

/** Days a date field must refuse or accept with care: year 0, 9999, month 13, 30 February, edges of the ranges. */
export const EDGE_DAYS = [
  "0000-01-01",
  "0001-01-01",
  "9999-12-31",
  "2099-13-45",
  "2026-02-30",
  "2023-02-29",
  "2024-02-29",
  "1869-12-31",
  "1870-01-01",
  "1899-12-31",
  "1900-01-01",
  "2200-12-31",
  "2201-01-01",
  "+10000-01-01",
  "-0001-01-01",
  "2026-1-1",
  "20260101",
];

const day = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

/** A string an attacker (or a bad paste) might send. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_UNITS), maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`) },
  { weight: 1, arbitrary: fc.constantFrom(...EDGE_DAYS) },
  { weight: 1, arbitrary: day },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "true",
      "on",
      "1",
      "null",
      "undefined",
      "[]",
      "{}",
      "NaN",
      "-1",
      "9223372036854775808",
      "member.",
      "me",
      "none",
    ),
  },
  // Long enough to pass every max(): 100 kB, sometimes with a NUL at the end.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 200, max: 100_000 }), fc.boolean())
      .map(([n, nul]) => "x".repeat(n) + (nul ? "\u0000" : "")),
  },
);

/** Any value a JSON body or a form could carry, hostile strings most often. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, 1e300, Number.NaN, {}, []) },
);

/** An object with the given keys (each present or not) set to hostile values. */
export function hostileRecord(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) model[key] = hostileValue;
  return fc.record(model, { requiredKeys: [] });
}

const UNSAFE_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys that hold calendar days in the schemas' output. */
const DAY_KEY = /^(at|from|to|dueAt|dateOfBirth|createdFrom|createdTo)$/;

/**
 * Why a parsed value could not be stored (NUL and control characters that PostgreSQL's text or
 * jsonb refuse or that break exports, lone surrogates, days outside 1870–2200), or null.
 */
export function unsafeForPostgres(value: unknown, path = "$", key = ""): string | null {
  if (typeof value === "string") {
    if (UNSAFE_CHAR.test(value)) return `${path}: control character in ${JSON.stringify(value.slice(0, 40))}`;
    if (LONE_SURROGATE.test(value)) return `${path}: lone surrogate`;
    if (DAY_KEY.test(key) && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && value >= "1870-01-01" && value <= "2200-12-31"))
      return `${path}: day out of range: ${value}`;
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const p = unsafeForPostgres(v, `${path}[${i}]`, key);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      const p = unsafeForPostgres(k, `${path}.<key>`) ?? unsafeForPostgres(v, `${path}.${k}`, k);
      if (p) return p;
    }
  }
  return null;
}
