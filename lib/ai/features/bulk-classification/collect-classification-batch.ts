// The collect job: looks at the run's batch; while the provider works, it records how many
// requests are answered (a progress event) and looks again later (2 s, doubling to 60 s, the
// reservation's heartbeat kept alive so the stale sweep leaves it). When the batch has ended:
//  1. every reply is parsed with the classification's zod schema (a field outside it is
//     stripped; a reply that does not match is an errored result, never a suggestion);
//  2. the usage rows are written in ONE insert at the batch price and the batch's hold is
//     settled to their total (each result's cost rounded up on its own);
//  3. the results are stored in chunks (a progress event each): suggestions, or, in mode
//     "apply", the cases updated (lib/ai/features/bulk-classification/apply-suggestions.ts).
// Idempotent: the settle happens once (its reservation closes), and only items still
// "submitted" take a result, so a second run of the job changes nothing.
import "server-only";
import { batchResults, retrieveBatch, type AiBatchResult } from "@/lib/ai/provider/batches";
import { listCaseCategories } from "@/lib/cases/list-categories";
import { heartbeatReservation, recordBatchUsage, releaseReservation, type BatchUsageRow } from "@/lib/credits";
import { getDb } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { publishTenantEvent } from "@/lib/events/publish";
import { recordAudit } from "@/lib/audit/record";
import { classificationToolSchema, type CaseClassification } from "@/lib/ai/features/case-classification/schemas";
import { storeResults, type ParsedResult } from "./apply-suggestions";
import { COLLECT_JOB, sendRunJob } from "./job-names";

const MAX_LOOK_SECONDS = 60;
/** Results stored per transaction: a progress event each, and no transaction holds 5,000 rows. */
export const RESULT_CHUNK = 200;

function parseResult(r: AiBatchResult, schema: ReturnType<typeof classificationToolSchema>): ParsedResult {
  if (r.type !== "succeeded")
    return { caseId: r.customId, ok: false, errorType: r.type === "errored" ? r.errorType : r.type };
  const parsed = schema.safeParse(r.toolInput);
  if (!parsed.success) return { caseId: r.customId, ok: false, errorType: "invalid_reply" };
  const v = parsed.data as Partial<CaseClassification>;
  const suggestion: CaseClassification = {
    category: typeof v.category === "string" ? v.category : null,
    priority: v.priority!,
    sentiment: v.sentiment!,
    reason: v.reason!,
  };
  return { caseId: r.customId, ok: true, suggestion };
}

export async function collectClassificationBatch(input: { tenantId: string; runId: string; look: number }) {
  const { tenantId, runId } = input;
  const db = await getDb();
  const scoped = db.forTenant({ tenantId });
  const run = await scoped.classificationRun.findUnique({ where: { tenantId_id: { tenantId, id: runId } } });
  if (!run || run.status !== "submitted" || !run.batchId || !run.reservationId) return;
  const ctx = { tenantId, userId: run.createdById };

  const batch = await retrieveBatch("bulk_classification", run.batchId);
  if (batch.status !== "ended") {
    await heartbeatReservation(ctx, run.reservationId);
    const c = batch.counts;
    const processed = c.succeeded + c.errored + c.canceled + c.expired;
    if (processed !== run.processed)
      await scoped.$tenantTransaction(async (tx) => {
        await tx.classificationRun.update({ where: { tenantId_id: { tenantId, id: runId } }, data: { processed } });
        await publishTenantEvent(tx, tenantId, { type: "classification_run.progress", ids: [runId] });
      });
    const look = input.look + 1;
    await sendRunJob(
      COLLECT_JOB,
      { tenantId, runId, look },
      { startAfter: Math.min(MAX_LOOK_SECONDS, 2 ** (look + 1)), singletonKey: `${runId}:${look}` },
    );
    return;
  }

  const results = await batchResults("bulk_classification", run.batchId);
  const schema = classificationToolSchema(await listCaseCategories(ctx));
  const submitted = new Set(
    (
      await scoped.classificationRunItem.findMany({ where: { runId, status: "submitted" }, select: { caseId: true } })
    ).map((i) => i.caseId),
  );
  const mine = results.filter((r) => submitted.has(r.customId));
  const parsed = mine.map((r) => parseResult(r, schema));

  // Every answered request is billed, whether or not its reply was usable (it was produced).
  const model = batchModel(mine);
  const rows: BatchUsageRow[] = mine.flatMap((r) =>
    r.type === "succeeded" ? [{ ...r.usage, outcome: "ok" as const, latencyMs: 0, userId: run.createdById }] : [],
  );
  let charged = 0n;
  try {
    if (rows.length > 0 && model) {
      charged = (await recordBatchUsage(ctx, { reservationId: run.reservationId, model, rows })).creditsUsed;
    } else await releaseReservation(ctx, run.reservationId, "no result of the batch succeeded");
  } catch (err) {
    // A second run of this job after the settle committed: the credits are already right.
    if (!(err instanceof ConflictError)) throw err;
  }

  for (let i = 0; i < parsed.length; i += RESULT_CHUNK)
    await storeResults(
      { tenantId, runId, mode: run.mode, startedBy: run.createdById },
      parsed.slice(i, i + RESULT_CHUNK),
    );

  await scoped.$tenantTransaction(async (tx) => {
    // Requests the batch did not answer at all (should not happen) stay retryable.
    await tx.classificationRunItem.updateMany({
      where: { runId, status: "submitted" },
      data: { status: "errored", errorType: "no_result" },
    });
    const counts = await tx.classificationRunItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
    const by = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
    await tx.classificationRun.update({
      where: { tenantId_id: { tenantId, id: runId } },
      data: {
        status: "completed",
        batchId: null,
        reservationId: null,
        processed: mine.length,
        creditsUsed: { increment: charged },
      },
    });
    await recordAudit(tx, {
      tenantId,
      action: "ai.bulk_classification_completed",
      targetType: "classification_run",
      targetId: runId,
      data: {
        feature: "bulk_classification",
        mode: run.mode,
        batch: run.batchId,
        reservation: run.reservationId,
        credits: Number(charged),
        startedBy: run.createdById,
        ...by,
      },
    });
    await publishTenantEvent(tx, tenantId, { type: "classification_run.progress", ids: [runId] });
  });
}

/** Every request of a batch runs on one model; its name is what the usage rows are priced by. */
function batchModel(results: AiBatchResult[]): string | null {
  for (const r of results) if (r.type === "succeeded") return r.model;
  return null;
}
