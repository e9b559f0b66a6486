// Stores the summary of a complete stream and writes `citizen.summary_generated` in the same
// transaction. One row per citizen (a new summary replaces the old one; the audit trail keeps
// that one was made). Only citations that validate against the prompt's ids are stored — the
// same parse as the case summary's.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { citedSummaryText, parseCitedSummary } from "@/lib/ai/features/case-summary/parse-cited-summary";
import { saveCitizenSummarySchema } from "./schemas";

export async function saveCitizenSummary(ctx: TenantContext, rawInput: unknown) {
  // Generating spends credits: the same people who may use AI on casework.
  if (!can(ctx.role, "case.update")) throw new ForbiddenError();
  const citizenId = (rawInput as { citizenId?: unknown } | null)?.citizenId;
  if (!isUuid(citizenId)) throw new NotFoundError("Citizen not found");
  const input = parseInput(saveCitizenSummarySchema, rawInput, "The summary could not be saved");
  const parsed = parseCitedSummary(input.text, input.sourceIds, { complete: true });
  const sentences = parsed.sentences.map(({ text, refs, uncited }) => ({ text, refs, uncited }));
  const text = citedSummaryText(parsed);
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.citizen.findUnique({ where: { id: input.citizenId }, select: { deletedAt: true } });
    if (!found || found.deletedAt) throw new NotFoundError("Citizen not found");
    const data = {
      text,
      citations: sentences,
      sourceVersion: input.sourceVersion,
      model: input.model,
      createdById: ctx.userId,
      createdAt: new Date(),
    };
    const row = await tx.citizenSummary.upsert({
      where: { tenantId_citizenId: { tenantId: ctx.tenantId, citizenId: input.citizenId } },
      create: { tenantId: ctx.tenantId, citizenId: input.citizenId, ...data },
      update: data,
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.summary_generated",
      targetType: "citizen",
      targetId: input.citizenId,
      // Counts only: the text may quote notes, which the audit log must not copy.
      data: {
        summaryId: row.id,
        model: input.model,
        sourceVersion: input.sourceVersion,
        sentences: sentences.length,
        uncited: sentences.filter((s) => s.uncited).length,
        droppedRefs: parsed.droppedRefs,
      },
    });
    return { id: row.id, citizenId: row.citizenId, text: row.text, sentences, sourceVersion: row.sourceVersion };
  });
}
