// Input of saveCaseSummary (no server-only imports). The route handler fills it from the
// prompt it built (sourceIds, sourceVersion) and the complete streamed text.
import { z } from "zod";

export const citedSentenceSchema = z.object({
  text: z.string(),
  refs: z.array(z.string()),
  uncited: z.boolean(),
});

export const saveCaseSummarySchema = z.object({
  caseId: z.string().uuid(),
  text: z.string().trim().min(1, "The model returned no summary").max(20_000, "The summary is too long"),
  model: z.string().min(1).max(200),
  sourceVersion: z.string().min(1).max(200),
  sourceIds: z.array(z.string().min(1).max(100)).min(1).max(5_000),
});

export type SaveCaseSummaryInput = z.infer<typeof saveCaseSummarySchema>;
