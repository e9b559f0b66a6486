// Input of saveCitizenSummary (no server-only imports): the case summary's shape, keyed by the
// citizen. The route handler fills it from the prompt it built and the complete streamed text.
import { z } from "zod";
import { saveCaseSummarySchema } from "@/lib/ai/features/case-summary/schemas";
import { text } from "@/lib/validation/text";

export const saveCitizenSummarySchema = saveCaseSummarySchema.omit({ caseId: true, sourceIds: true }).extend({
  citizenId: z.string().uuid(),
  // May be empty: a citizen without cases has nothing a sentence could cite.
  sourceIds: z.array(text(100).min(1)).max(5_000),
});

/** The summary route's body: nothing is needed, and nothing else is accepted. */
export const citizenSummaryRequestSchema = z.object({}).strict();
