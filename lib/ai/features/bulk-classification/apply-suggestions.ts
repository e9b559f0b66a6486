// Stores one chunk of a batch's parsed results in one transaction. Mode "suggest": the
// suggestion is kept on the item (the case page shows it as the accept/reject chips). Mode
// "apply": the case's category and priority are set as the person asked when starting the
// run — the normal case update's effects (version bump, timeline entry, `case.updated` audit
// event with before/after) plus the before values on the item, so the run can be undone.
// Only category and priority can change: they come from the zod-parsed suggestion, nothing
// else of the reply reaches the case.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { publishTenantEvent } from "@/lib/events/publish";
import type { CaseClassification } from "@/lib/ai/features/case-classification/schemas";

export type ParsedResult =
  { caseId: string; ok: true; suggestion: CaseClassification } | { caseId: string; ok: false; errorType: string };

type RunRef = { tenantId: string; runId: string; mode: string; startedBy: string | null };

export async function storeResults(run: RunRef, results: ParsedResult[]): Promise<void> {
  if (results.length === 0) return;
  const { tenantId, runId } = run;
  const db = await getDb();
  await db.forTenant({ tenantId }).$tenantTransaction(
    async (tx) => {
      for (const r of results) {
        const where = { runId, caseId: r.caseId, status: "submitted" };
        if (!r.ok) {
          await tx.classificationRunItem.updateMany({ where, data: { status: "errored", errorType: r.errorType } });
          continue;
        }
        const suggestion = r.suggestion;
        if (run.mode !== "apply") {
          await tx.classificationRunItem.updateMany({ where, data: { status: "succeeded", suggestion } });
          continue;
        }
        const before = await tx.case.findUnique({
          where: { id: r.caseId },
          select: { id: true, category: true, priority: true, version: true },
        });
        const change = {
          ...(suggestion.category !== null && suggestion.category !== before?.category
            ? { category: suggestion.category }
            : {}),
          ...(suggestion.priority !== before?.priority ? { priority: suggestion.priority } : {}),
        };
        const changed = Object.keys(change) as Array<"category" | "priority">;
        if (!before || changed.length === 0) {
          await tx.classificationRunItem.updateMany({ where, data: { status: "succeeded", suggestion } });
          continue;
        }
        const { count } = await tx.case.updateMany({
          where: { id: before.id, version: before.version },
          data: { ...change, version: { increment: 1 } },
        });
        if (count === 0) {
          // Changed between the read and the write (a person editing it): keep it as a suggestion.
          await tx.classificationRunItem.updateMany({ where, data: { status: "succeeded", suggestion } });
          continue;
        }
        await tx.classificationRunItem.updateMany({
          where,
          data: {
            status: "applied",
            suggestion,
            before: { category: before.category, priority: before.priority },
            appliedVersion: before.version + 1,
          },
        });
        await tx.caseEvent.create({
          data: {
            tenantId,
            caseId: before.id,
            kind: "UPDATED",
            body: `Changed ${changed.join(", ")} (bulk AI classification)`,
            authorId: run.startedBy,
          },
        });
        await recordAudit(tx, {
          tenantId,
          action: "case.updated",
          targetType: "case",
          targetId: before.id,
          data: {
            changed,
            before: Object.fromEntries(changed.map((k) => [k, before[k]])),
            after: change,
            via: { classificationRun: runId, startedBy: run.startedBy },
          },
        });
      }
      await publishTenantEvent(tx, tenantId, { type: "classification_run.progress", ids: [runId] });
      // A chunk of applied cases is ~5 statements each: more than the default 5 s on a busy server.
    },
    { timeout: 60_000 },
  );
}
