// Retries a run's failures: only the items that errored (or, after a run that failed as a
// whole, the ones never sent) go back to "pending" and the submit job sends them as a new
// batch; succeeded and applied items are untouched. Audited; another tenant's run is 404.
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { recordAudit } from "@/lib/audit/record";
import type { GuardedContext } from "@/lib/auth/guard";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { publishTenantEvent } from "@/lib/events/publish";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { isUuid } from "@/lib/validation/uuid";
import { SUBMIT_JOB } from "./job-names";

export async function retryClassificationRun(
  ctx: GuardedContext,
  input: { runId: string },
): Promise<{ runId: string; retried: number }> {
  await assertAiFeatureAllowed(ctx, "bulk_classification", aiStatus());
  if (!isUuid(input.runId)) throw new NotFoundError("Classification run not found");
  const db = await getDb();
  const retried = await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const run = await tx.classificationRun.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: input.runId } },
    });
    if (!run) throw new NotFoundError("Classification run not found");
    if (run.status !== "completed" && run.status !== "failed" && run.status !== "queued")
      throw new ConflictError(
        run.status === "undone" ? "This run was undone: start a new one" : "This run is still in progress",
      );
    const { count } = await tx.classificationRunItem.updateMany({
      where: { runId: run.id, status: { in: ["errored", "pending"] } },
      data: { status: "pending", errorType: null },
    });
    if (count === 0) throw new ConflictError("Nothing to retry: every case of this run has a result");
    await tx.classificationRun.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: run.id } },
      data: { status: "queued", failure: null },
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "ai.bulk_classification_retried",
      targetType: "classification_run",
      targetId: run.id,
      data: { feature: "bulk_classification", cases: count },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "classification_run.progress", ids: [run.id] });
    return count;
  });
  await enqueueJob(SUBMIT_JOB, { tenantId: ctx.tenantId, runId: input.runId });
  return { runId: input.runId, retried };
}
