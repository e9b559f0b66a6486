// Per-tenant AI settings, one shape per feature: a zod discriminated union keyed by `feature`,
// shared by the settings form (FormData strings are coerced), the server action and every read
// of the JSONB column (a row that no longer parses falls back to the defaults, never to a 500).
// Client-safe: no server-only imports.
import { z } from "zod";
import { AI_FEATURES, type AiFeature } from "@/lib/ai/features";
import { text } from "@/lib/validation/text";

/** The models a tenant may pick. Anything else is refused, so a typo cannot reach the provider. */
export const AI_MODELS = ["claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5"] as const;
export type AiModel = (typeof AI_MODELS)[number];
export const AI_MODEL_LABELS: Record<AiModel, string> = {
  "claude-haiku-4-5": "Claude Haiku 4.5 (fast, lowest cost)",
  "claude-sonnet-4-5": "Claude Sonnet 4.5 (balanced)",
  "claude-opus-4-5": "Claude Opus 4.5 (most capable, highest cost)",
};

export const MAX_TOKENS_MIN = 64;
export const MAX_TOKENS_MAX = 8_192;
export const PROMPT_ADDITIONS_MAX = 1_000;
/** Monthly credit limits above this are a typo: ENTERPRISE grants 100,000 a month. */
export const CREDIT_LIMIT_MAX = 10_000_000;

export const REPLY_TONES = ["formal", "neutral", "friendly"] as const;
export const REPLY_LANGUAGES = ["en", "nl", "de", "fr", "es"] as const;
export const REPLY_LANGUAGE_LABELS: Record<(typeof REPLY_LANGUAGES)[number], string> = {
  en: "English",
  nl: "Dutch",
  de: "German",
  fr: "French",
  es: "Spanish",
};

// FormData sends strings: "true"/"on" from the checkbox (after a hidden "false", so an unticked
// box still arrives), numbers as text, and "" for "no limit".
const bool = z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean());
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const creditLimit = z.preprocess(
  blankToNull,
  z.coerce
    .number({ message: "Enter a whole number of credits, or leave empty for no limit" })
    .int("Enter a whole number of credits")
    .min(1, "At least 1 credit, or leave empty for no limit")
    .max(CREDIT_LIMIT_MAX, `At most ${CREDIT_LIMIT_MAX.toLocaleString("en")} credits`)
    .nullable(),
);

/** An IANA zone name the runtime (and so Postgres' AT TIME ZONE, same tz database) knows. */
export function isTimeZone(v: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(v)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

function common(defaults: { maxTokens: number; temperature: number }) {
  return {
    enabled: bool.default(true),
    model: z.enum(AI_MODELS, { message: "Choose one of the listed models" }).default("claude-haiku-4-5"),
    maxTokens: z.coerce
      .number({ message: "Enter a number of tokens" })
      .int("Enter a whole number of tokens")
      .min(MAX_TOKENS_MIN, `At least ${MAX_TOKENS_MIN} tokens`)
      .max(MAX_TOKENS_MAX, `At most ${MAX_TOKENS_MAX.toLocaleString("en")} tokens`)
      .default(defaults.maxTokens),
    temperature: z.coerce
      .number({ message: "Enter a number between 0 and 1" })
      .min(0, "Between 0 and 1")
      .max(1, "Between 0 and 1")
      .default(defaults.temperature),
    // Tenant text sent to the model inside a delimited <tenant_instructions> block of the system
    // prompt, after the product's own instructions, so it can shape tone and focus but is marked
    // as the tenant's words (lib/ai prompt builders wrap it; they never splice it in raw).
    promptAdditions: z
      .preprocess((v) => (typeof v === "string" ? v.trim() : v), text(PROMPT_ADDITIONS_MAX, { multiline: true }))
      .default(""),
    monthlyCreditLimit: creditLimit.default(null),
    perUserMonthlyCreditLimit: creditLimit.default(null),
  };
}

const plain = <F extends AiFeature>(feature: F, d: { maxTokens: number; temperature: number }) =>
  z.object({ feature: z.literal(feature), ...common(d) });

export const aiFeatureSettingsSchema = z.discriminatedUnion(
  "feature",
  [
    plain("case_summary", { maxTokens: 1_024, temperature: 0.2 }),
    plain("citizen_summary", { maxTokens: 1_024, temperature: 0.2 }),
    plain("case_classification", { maxTokens: 512, temperature: 0 }),
    plain("bulk_classification", { maxTokens: 512, temperature: 0 }),
    z.object({
      feature: z.literal("reply_draft"),
      ...common({ maxTokens: 2_048, temperature: 0.5 }),
      tone: z.enum(REPLY_TONES, { message: "Choose a tone" }).default("neutral"),
      defaultLanguage: z.enum(REPLY_LANGUAGES, { message: "Choose a language" }).default("en"),
    }),
    plain("intake", { maxTokens: 1_024, temperature: 0.2 }),
    z.object({
      feature: z.literal("briefing"),
      ...common({ maxTokens: 2_048, temperature: 0.3 }),
      // When the briefing is written, in the tenant's own time zone: the every-15-minutes job
      // (lib/ai/features/briefing/briefing-job.ts) writes it on the first run after this time.
      timeOfDay: z
        .string({ message: "Enter a time as HH:MM" })
        .trim()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM, from 00:00 to 23:59")
        .default("07:00"),
      timeZone: z
        .string({ message: "Enter a time zone" })
        .trim()
        .refine(isTimeZone, "Enter a time zone such as Europe/Amsterdam")
        .default("UTC"),
      // The tenant accepts that the scheduled briefing may come later (the Message Batches API
      // answers within 24 hours) for half the credits. Off: it is written at the time set.
      viaBatch: bool.default(false),
    }),
    plain("nl_search", { maxTokens: 512, temperature: 0 }),
    plain("chat", { maxTokens: 2_048, temperature: 0.4 }),
    plain("duplicates", { maxTokens: 512, temperature: 0 }),
  ],
  { error: () => "Choose an AI feature" },
);

export type AiFeatureSettings = z.infer<typeof aiFeatureSettingsSchema>;
export type AiFeatureSettingsFor<F extends AiFeature> = Extract<AiFeatureSettings, { feature: F }>;

/** The settings a feature has until an admin changes them. */
export function defaultAiFeatureSettings<F extends AiFeature>(feature: F): AiFeatureSettingsFor<F> {
  return aiFeatureSettingsSchema.parse({ feature }) as AiFeatureSettingsFor<F>;
}

/** Every feature's defaults, in AI_FEATURES order. */
export function allDefaultAiFeatureSettings(): AiFeatureSettings[] {
  return AI_FEATURES.map((f) => defaultAiFeatureSettings(f));
}
