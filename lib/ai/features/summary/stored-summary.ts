// What a finished summary stream becomes in the database, the same for a case and a citizen: the
// sentences whose citations validate against the ids the prompt gave (parse-cited-summary), the
// row's fields, and the audit event's data — counts only, since the text may quote notes, which
// the audit log must not copy.
import "server-only";
import {
  citedSummaryText,
  parseCitedSummary,
  type CitedSentence,
} from "@/lib/ai/features/case-summary/parse-cited-summary";

type Finished = { text: string; sourceIds: string[]; sourceVersion: string; model: string };

export function storedSummary(input: Finished, userId: string | null) {
  const parsed = parseCitedSummary(input.text, input.sourceIds, { complete: true });
  const sentences: CitedSentence[] = parsed.sentences.map(({ text, refs, uncited }) => ({ text, refs, uncited }));
  return {
    sentences,
    fields: {
      text: citedSummaryText(parsed),
      citations: sentences,
      sourceVersion: input.sourceVersion,
      model: input.model,
      createdById: userId,
      createdAt: new Date(),
    },
    auditData: (summaryId: string) => ({
      summaryId,
      model: input.model,
      sourceVersion: input.sourceVersion,
      sentences: sentences.length,
      uncited: sentences.filter((s) => s.uncited).length,
      droppedRefs: parsed.droppedRefs,
    }),
  };
}
