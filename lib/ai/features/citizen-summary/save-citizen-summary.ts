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
import { storedSummary } from "@/lib/ai/features/summary/stored-summary";
import { saveCitizenSummarySchema } from "./schemas";

export async function saveCitizenSummary(ctx: TenantContext, rawInput: unknown) {
  // Generating spends credits: the same people who may use AI on casework.
  if (!can(ctx.role, "case.update")) throw new ForbiddenError();
  const citizenId = (rawInput as { citizenId?: unknown } | null)?.citizenId;
  if (!isUuid(citizenId)) throw new NotFoundError("Citizen not found");
  const input = parseInput(saveCitizenSummarySchema, rawInput, "The summary could not be saved");
  const { sentences, fields, auditData } = storedSummary(input, ctx.userId);
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.citizen.findUnique({ where: { id: input.citizenId }, select: { deletedAt: true } });
    if (!found || found.deletedAt) throw new NotFoundError("Citizen not found");
    const row = await tx.citizenSummary.upsert({
      where: { tenantId_citizenId: { tenantId: ctx.tenantId, citizenId: input.citizenId } },
      create: { tenantId: ctx.tenantId, citizenId: input.citizenId, ...fields },
      update: fields,
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.summary_generated",
      targetType: "citizen",
      targetId: input.citizenId,
      data: auditData(row.id),
    });
    return { id: row.id, citizenId: row.citizenId, text: row.text, sentences, sourceVersion: row.sourceVersion };
  });
}
