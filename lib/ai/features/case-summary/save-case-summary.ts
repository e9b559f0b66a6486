// Stores the summary of a complete stream (called by the route handler once the model is done)
// and writes `case.summary_generated` in the same transaction. One row per case: a new summary
// replaces the old one (the audit trail keeps that one was made, when, by whom, with which
// model). Only citations that validate against the prompt's ids are stored.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { citedSummaryText, parseCitedSummary, type CitedSentence } from "./parse-cited-summary";
import { saveCaseSummarySchema } from "./schemas";

export type SavedCaseSummary = {
  id: string;
  caseId: string;
  text: string;
  sentences: CitedSentence[];
  model: string;
  sourceVersion: string;
  createdAt: Date;
};

export async function saveCaseSummary(ctx: TenantContext, rawInput: unknown): Promise<SavedCaseSummary> {
  // Generating spends the tenant's credits: the same people who may work on the case.
  if (!can(ctx.role, "case.update")) throw new ForbiddenError();
  const caseId = (rawInput as { caseId?: unknown } | null)?.caseId;
  if (!isUuid(caseId)) throw new NotFoundError("Case not found");
  const input = parseInput(saveCaseSummarySchema, rawInput, "The summary could not be saved");
  const parsed = parseCitedSummary(input.text, input.sourceIds, { complete: true });
  const sentences = parsed.sentences.map(({ text, refs, uncited }) => ({ text, refs, uncited }));
  const text = citedSummaryText(parsed);
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.case.findUnique({
      where: { id: input.caseId },
      select: { id: true, citizen: { select: { deletedAt: true } } },
    });
    if (!found || found.citizen.deletedAt) throw new NotFoundError("Case not found");
    const data = {
      text,
      citations: sentences,
      sourceVersion: input.sourceVersion,
      model: input.model,
      createdById: ctx.userId,
      createdAt: new Date(),
    };
    const row = await tx.caseSummary.upsert({
      where: { tenantId_caseId: { tenantId: ctx.tenantId, caseId: input.caseId } },
      create: { tenantId: ctx.tenantId, caseId: input.caseId, ...data },
      update: data,
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "case.summary_generated",
      targetType: "case",
      targetId: input.caseId,
      // Counts only: the summary's text may quote notes, which the audit log must not copy.
      data: {
        summaryId: row.id,
        model: input.model,
        sourceVersion: input.sourceVersion,
        sentences: sentences.length,
        uncited: sentences.filter((s) => s.uncited).length,
        droppedRefs: parsed.droppedRefs,
      },
    });
    return {
      id: row.id,
      caseId: row.caseId,
      text: row.text,
      sentences,
      model: row.model,
      sourceVersion: row.sourceVersion,
      createdAt: row.createdAt,
    };
  });
}
