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
import { storedSummary } from "@/lib/ai/features/summary/stored-summary";
import type { CitedSentence } from "./parse-cited-summary";
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
  const { sentences, fields, auditData } = storedSummary(input, ctx.userId);
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.case.findUnique({
      where: { id: input.caseId },
      select: { id: true, citizen: { select: { deletedAt: true } } },
    });
    if (!found || found.citizen.deletedAt) throw new NotFoundError("Case not found");
    const row = await tx.caseSummary.upsert({
      where: { tenantId_caseId: { tenantId: ctx.tenantId, caseId: input.caseId } },
      create: { tenantId: ctx.tenantId, caseId: input.caseId, ...fields },
      update: fields,
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "case.summary_generated",
      targetType: "case",
      targetId: input.caseId,
      data: auditData(row.id),
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
