// The AI features, named once: usage rows, credit ledger entries, per-tenant AI configuration,
// plan gating, model selection and log lines (`ai_feature`) all use these names. No
// server-only imports, so forms and client components can use the list too.
export const AI_FEATURES = [
  "case_summary",
  "citizen_summary",
  "case_classification",
  "bulk_classification",
  "reply_draft",
  "intake",
  "briefing",
  "nl_search",
  "chat",
  "duplicates",
] as const;

export type AiFeature = (typeof AI_FEATURES)[number];

export function isAiFeature(value: string): value is AiFeature {
  return (AI_FEATURES as readonly string[]).includes(value);
}
