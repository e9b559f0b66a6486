// The daily briefing's shapes (client-safe). The numbers are computed in SQL
// (compute-briefing-numbers.ts); the model only writes sentences around them, naming each
// number by a [ref:…] marker instead of writing it, and validate-briefing.ts drops any sentence
// with a marker it was not given or a figure that is not one of the given numbers.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export type BriefingSpike = {
  category: string;
  /** New cases in the category on the day. */
  count: number;
  /** Daily average of the same weekday over the previous four weeks, one decimal. */
  average: number;
};

export type BriefingNumbers = {
  /** The tenant-local day reported on, YYYY-MM-DD. */
  day: string;
  timeZone: string;
  newCases: number;
  resolved: number;
  /** Still open at the end of the day and past their due date then. */
  overdue: number;
  spikes: BriefingSpike[];
};

export const BRIEFING_TOOL = "write_briefing";
export const BRIEFING_SENTENCES_MAX = 8;
export const BRIEFING_SENTENCE_CHARS = 400;

export const briefingToolSchema = z.object({
  sentences: z
    .array(text(BRIEFING_SENTENCE_CHARS).min(1))
    .min(1)
    .max(BRIEFING_SENTENCES_MAX)
    .describe("The briefing, one sentence per item, numbers written only as [ref:…] markers"),
});

/** The markers a briefing's numbers go by: new, resolved, overdue, spike:N and spike_avg:N. */
export function briefingRefs(n: BriefingNumbers): Map<string, number> {
  const refs = new Map<string, number>([
    ["new", n.newCases],
    ["resolved", n.resolved],
    ["overdue", n.overdue],
  ]);
  n.spikes.forEach((s, i) => {
    refs.set(`spike:${i + 1}`, s.count);
    refs.set(`spike_avg:${i + 1}`, s.average);
  });
  return refs;
}

/** The route's body for "Generate now": nothing is needed, and nothing else is accepted. */
export const generateBriefingRequestSchema = z.object({}).strict();

/**
 * A member's own choice to get the daily briefing by email (settings → Notifications). FormData
 * sends the checkbox after a hidden "false", so an unticked box still arrives.
 */
export const briefingEmailOptInSchema = z.object({
  emailBriefing: z.preprocess(
    (v) => (v === "true" || v === "on" ? true : v === "false" ? false : v),
    z.boolean({ message: "Choose on or off" }),
  ),
});
export type BriefingEmailOptInInput = z.infer<typeof briefingEmailOptInSchema>;
