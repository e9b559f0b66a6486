// The stored summary of a case, with `stale: true` when what it summarised has changed since
// (a new note, a status change, an edited title...): the source is loaded again and its
// fingerprint compared with the one stored. Null when the case has no summary yet.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { caseSummarySourceVersion, loadCaseSummarySource } from "./load-case-summary-source";
import type { CitedSentence } from "./parse-cited-summary";
import { citedSentenceSchema } from "./schemas";

export type CaseSummaryView = {
  id: string;
  caseId: string;
  text: string;
  sentences: CitedSentence[];
  model: string;
  createdAt: string;
  stale: boolean;
};

export async function readCaseSummary(
  ctx: Pick<TenantContext, "tenantId">,
  caseId: string,
): Promise<CaseSummaryView | null> {
  if (!isUuid(caseId)) throw new NotFoundError("Case not found");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const source = await loadCaseSummarySource(tx, caseId);
    const row = await tx.caseSummary.findUnique({
      where: { tenantId_caseId: { tenantId: ctx.tenantId, caseId } },
    });
    if (!row) return null;
    // Stored by saveCaseSummary in this shape; a row that does not parse shows as plain text.
    const parsed = citedSentenceSchema.array().safeParse(row.citations);
    return {
      id: row.id,
      caseId: row.caseId,
      text: row.text,
      sentences: parsed.success ? parsed.data : [{ text: row.text, refs: [], uncited: true }],
      model: row.model,
      createdAt: row.createdAt.toISOString(),
      stale: row.sourceVersion !== caseSummarySourceVersion(source),
    };
  });
}
