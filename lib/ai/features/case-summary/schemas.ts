// Input of saveCaseSummary (no server-only imports). The route handler fills it from the
// prompt it built (sourceIds, sourceVersion) and the complete streamed text.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const citedSentenceSchema = z.object({
  text: text(20_000, { multiline: true, trim: false }),
  refs: z.array(text(100)),
  uncited: z.boolean(),
});

export const saveCaseSummarySchema = z.object({
  caseId: z.string().uuid(),
  text: text(20_000, { multiline: true, tooLong: "The summary is too long" }).min(1, "The model returned no summary"),
  model: text(200).min(1),
  sourceVersion: text(200).min(1),
  sourceIds: z.array(text(100).min(1)).min(1).max(5_000),
});

export type SaveCaseSummaryInput = z.infer<typeof saveCaseSummarySchema>;

/** The summary route's body: nothing is needed, and nothing else is accepted. */
export const caseSummaryRequestSchema = z.object({}).strict();
