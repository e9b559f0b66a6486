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

/** One transaction for the whole undo: up to 5,000 audit events take longer than the default 5 s. */
const UNDO_TRANSACTION = { timeout: 120_000 };

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
    // One read and one write for every case (a run has up to 5,000): only cases still at the
    // version the run wrote are restored.
    const cases = await tx.case.findMany({
      where: { id: { in: items.map((i) => i.caseId) } },
      select: { id: true, category: true, priority: true, version: true },
    });
    const byId = new Map(cases.map((c) => [c.id, c]));
    const restorable = items.flatMap((item) => {
      const current = byId.get(item.caseId);
      if (!current || current.version !== item.appliedVersion) return [];
      return [{ item, current, before: item.before as Before }];
    });
    if (restorable.length > 0) {
      await tx.$executeRaw`
        UPDATE cases k SET category = r.category, priority = r.priority::"CasePriority",
               version = k.version + 1, updated_at = now()
          FROM unnest(${restorable.map((r) => r.item.caseId)}::uuid[], ${restorable.map((r) => r.before.category)}::text[],
                      ${restorable.map((r) => r.before.priority)}::text[], ${restorable.map((r) => r.current.version)}::int[])
               AS r(id, category, priority, version)
         WHERE k.id = r.id AND k.version = r.version`;
      const changes = restorable.map(({ item, current, before }) => ({
        caseId: item.caseId,
        current,
        before,
        keys: (["category", "priority"] as const).filter((k) => current[k] !== before[k]),
      }));
      await tx.caseEvent.createMany({
        data: changes.map((c) => ({
          tenantId: ctx.tenantId,
          caseId: c.caseId,
          kind: "UPDATED" as const,
          body: `Changed ${c.keys.join(", ")} (bulk AI classification undone)`,
          authorId: ctx.userId,
        })),
      });
      for (const c of changes)
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          action: "case.updated",
          targetType: "case",
          targetId: c.caseId,
          data: {
            changed: c.keys,
            before: Object.fromEntries(c.keys.map((k) => [k, c.current[k]])),
            after: Object.fromEntries(c.keys.map((k) => [k, c.before[k]])),
            via: { classificationRunUndone: run.id },
          },
        });
      await tx.classificationRunItem.updateMany({
        where: { runId: run.id, caseId: { in: restorable.map((r) => r.item.caseId) } },
        data: { status: "undone" },
      });
    }
    const restored = restorable.length;
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
  }, UNDO_TRANSACTION);
}
