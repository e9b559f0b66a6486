// The classification's shapes (no server-only imports): the tool the model must call, built per
// tenant because the category must be one of the tenant's own, and parsed with the same schema
// (lib/ai/provider/complete-structured). Fields outside it are stripped by the parse, so nothing
// the model adds (a status, an assignee, a "delete": true) can reach the suggestion.
import { z } from "zod";
import { CASE_PRIORITIES } from "@/lib/cases/schemas";
import { text } from "@/lib/validation/text";

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const CLASSIFICATION_REASON_MAX = 300;

/** The tool's input schema; without categories the model suggests priority and sentiment only. */
export function classificationToolSchema(categories: readonly string[]) {
  const base = {
    priority: z.enum(CASE_PRIORITIES).describe("How urgent the case is"),
    sentiment: z.enum(SENTIMENTS).describe("The tone of what the citizen wrote"),
    reason: text(CLASSIFICATION_REASON_MAX).min(1).describe("One short line: why this category and priority"),
  };
  if (categories.length === 0) return z.object(base);
  return z.object({
    category: z.enum(categories as [string, ...string[]]).describe("One of the organisation's categories"),
    ...base,
  });
}

export type CaseClassification = {
  category: string | null;
  priority: (typeof CASE_PRIORITIES)[number];
  sentiment: Sentiment;
  reason: string;
};

/** The route's body: nothing is needed, and nothing else is accepted. */
export const classifyCaseRequestSchema = z.object({}).strict();
