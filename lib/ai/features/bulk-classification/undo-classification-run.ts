// Undoes a run that applied its classifications, as one operation (one transaction): every case
// it changed gets its category and priority back, unless someone changed that case since (its
// version is no longer the one the run wrote): those are left as they are and counted. Each
// restored case gets its timeline entry and `case.updated` audit event, the run one
// `ai.bulk_classification_undone` event. Another tenant's run is 404.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { GuardedContext } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { publishTenantEvent } from "@/lib/events/publish";
import type { CasePriority } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation/uuid";

type Before = { category: string | null; priority: CasePriority };

export async function undoClassificationRun(
  ctx: GuardedContext,
  input: { runId: string },
): Promise<{ restored: number; keptChanged: number }> {
  if (!isUuid(input.runId)) throw new NotFoundError("Classification run not found");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const run = await tx.classificationRun.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: input.runId } },
    });
    if (!run) throw new NotFoundError("Classification run not found");
    if (run.mode !== "apply") throw new ConflictError("This run only made suggestions: there is nothing to undo");
    if (run.status === "undone") throw new ConflictError("This run was already undone");
    if (run.status !== "completed") throw new ConflictError("Wait for the run to finish before undoing it");
    const items = await tx.classificationRunItem.findMany({ where: { runId: run.id, status: "applied" } });
    let restored = 0;
    for (const item of items) {
      const before = item.before as Before;
      const current = await tx.case.findUnique({
        where: { id: item.caseId },
        select: { category: true, priority: true, version: true },
      });
      if (!current || current.version !== item.appliedVersion) continue;
      const keys = (["category", "priority"] as const).filter((k) => current[k] !== before[k]);
      await tx.case.updateMany({
        where: { id: item.caseId, version: current.version },
        data: { category: before.category, priority: before.priority, version: { increment: 1 } },
      });
      await tx.caseEvent.create({
        data: {
          tenantId: ctx.tenantId,
          caseId: item.caseId,
          kind: "UPDATED",
          body: `Changed ${keys.join(", ")} (bulk AI classification undone)`,
          authorId: ctx.userId,
        },
      });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "case.updated",
        targetType: "case",
        targetId: item.caseId,
        data: {
          changed: keys,
          before: Object.fromEntries(keys.map((k) => [k, current[k]])),
          after: Object.fromEntries(keys.map((k) => [k, before[k]])),
          via: { classificationRunUndone: run.id },
        },
      });
      await tx.classificationRunItem.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: item.id } },
        data: { status: "undone" },
      });
      restored++;
    }
    await tx.classificationRun.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: run.id } },
      data: { status: "undone", undoneAt: new Date() },
    });
    const keptChanged = items.length - restored;
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "ai.bulk_classification_undone",
      targetType: "classification_run",
      targetId: run.id,
      data: { restored, keptChanged },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "classification_run.progress", ids: [run.id] });
    return { restored, keptChanged };
  });
}
