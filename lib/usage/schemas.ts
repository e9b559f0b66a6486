// Input schemas of the price table (platform admins, /admin/prices), shared by the forms and
// the business functions. Client-safe: no server imports. Prices are exact decimals kept as
// text end to end (NUMERIC in the database): a float would turn 0.1 into 0.1000000000000000055.
import { z } from "zod";
import { adminReason } from "@/lib/admin/schemas";
import { optionalDay } from "@/lib/validation/date";
import { text } from "@/lib/validation/text";

export const MULTIPLIER_KINDS = ["tier", "region", "batch"] as const;
export type MultiplierKind = (typeof MULTIPLIER_KINDS)[number];

/** The keys each kind of multiplier may have: the plans, data regions, and the one batch discount. */
export const MULTIPLIER_KEYS: Record<MultiplierKind, { pattern: RegExp; hint: string }> = {
  tier: { pattern: /^(FREE|PRO|ENTERPRISE)$/, hint: "One of the plans: FREE, PRO or ENTERPRISE" },
  region: { pattern: /^[a-z]{2,10}$/, hint: "A data region in lower case, e.g. eu or us" },
  batch: { pattern: /^discount$/, hint: "The batch multiplier is called discount" },
};

/** $ per million tokens: up to 6 digits before and 6 after the point (the column is NUMERIC(12,6)). */
const dollarsPerMtok = (label: string) =>
  text(20, { error: `Enter the ${label} price` })
    .min(1, `Enter the ${label} price`)
    .regex(/^\d{1,6}(\.\d{1,6})?$/, "Dollars per million tokens, e.g. 1.25 (at most 6 decimals)");

const tomorrowUtc = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export const setModelPriceSchema = z.object({
  model: text(100, { error: "Enter the model id" })
    .min(1, "Enter the model id")
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "Lower-case letters, digits, dots and dashes, e.g. claude-haiku-4-5"),
  inputPerMtok: dollarsPerMtok("input"),
  outputPerMtok: dollarsPerMtok("output"),
  cacheReadPerMtok: dollarsPerMtok("cache read"),
  cacheWritePerMtok: dollarsPerMtok("cache write"),
  /** Empty: from now. A day: from 00:00 UTC that day, which must be in the future. */
  effectiveFrom: optionalDay({
    min: tomorrowUtc,
    max: "2200-12-31",
    rangeMessage: "Leave empty for now, or choose a day after today (prices never change the past)",
  }),
  reason: adminReason,
});
export type SetModelPriceInput = z.input<typeof setModelPriceSchema>;

export const setPriceMultiplierSchema = z
  .object({
    kind: z.enum(MULTIPLIER_KINDS, { error: "Choose tier, region or batch" }),
    key: text(20, { error: "Enter the key" }).min(1, "Enter the key"),
    value: text(12, { error: "Enter the multiplier" })
      .min(1, "Enter the multiplier")
      .regex(/^\d(\.\d{1,4})?$/, "A number like 0.9 (at most 4 decimals)")
      .refine((v) => Number(v) > 0 && Number(v) <= 5, "Between 0 (exclusive) and 5"),
    reason: adminReason,
  })
  .superRefine((input, ctx) => {
    const rule = MULTIPLIER_KEYS[input.kind];
    if (!rule.pattern.test(input.key)) ctx.addIssue({ code: "custom", path: ["key"], message: rule.hint });
    if (input.kind === "batch" && Number(input.value) > 1)
      ctx.addIssue({ code: "custom", path: ["value"], message: "A batch discount is at most 1 (no surcharge)" });
  });
export type SetPriceMultiplierInput = z.input<typeof setPriceMultiplierSchema>;

/** The ranges the billing page's "credits per person over time" chart offers, in days. */
export const USAGE_RANGES = ["7", "30", "90", "365"] as const;
export const USAGE_BUCKETS = ["day", "week"] as const;
export type UsageBucket = (typeof USAGE_BUCKETS)[number];

/**
 * The chart's query string (`usageRange`, `usageBucket`). A range above 90 days is shown per
 * week whatever is asked (365 daily bars per person are unreadable), so the default is per day.
 */
export const usageByMemberQuerySchema = z
  .object({
    usageRange: z.enum(USAGE_RANGES, { error: "Choose 7, 30, 90 or 365 days" }).default("30"),
    usageBucket: z.enum(USAGE_BUCKETS, { error: "Choose per day or per week" }).default("day"),
  })
  .transform(({ usageRange, usageBucket }) => ({
    days: Number(usageRange),
    bucket: (Number(usageRange) > 90 ? "week" : usageBucket) as UsageBucket,
  }));
export type UsageByMemberQuery = z.output<typeof usageByMemberQuerySchema>;
