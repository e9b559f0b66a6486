// The duplicate explanation's shapes (no server-only imports). The model ranks and explains the
// pairs it was given, by their refs only (an enum built per call, so it cannot name a pair it
// was not shown); it never decides: the reviewer merges or dismisses.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const EXPLANATION_MAX = 300;
/** At most this many of the top candidates are sent to the model. */
export const EXPLAIN_TOP = 10;

export function explainToolSchema(refs: readonly string[]) {
  return z.object({
    pairs: z
      .array(
        z.object({
          ref: z.enum(refs as [string, ...string[]]).describe("The pair's ref, as given"),
          likelihood: z.enum(["likely", "possible", "unlikely"]).describe("How likely the two are the same person"),
          explanation: text(EXPLANATION_MAX)
            .min(1)
            .describe("One or two short sentences: which fields agree or differ"),
        }),
      )
      .max(refs.length)
      .describe("The pairs, most likely duplicates first"),
  });
}

export type DuplicateExplanation = {
  citizenAId: string;
  citizenBId: string;
  rank: number;
  likelihood: "likely" | "possible" | "unlikely";
  explanation: string;
};

export const explainDuplicatesSchema = z.object({}).strict();
