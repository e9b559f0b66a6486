// The collect job of a briefing sent as a Message Batch: looks at the batch; while it runs, the
// hold's heartbeat is kept (so the stale sweep leaves it) and the job looks again later (2 s,
// doubling to MAX_LOOK_SECONDS). When the batch has ended:
//  - succeeded: ONE usage row at the batch price and the hold settled to it (recordBatchUsage),
//    then the sentences are checked and stored (store-briefing.ts). A reply of the wrong shape
//    was still produced: it is charged, and the numbers-only sentence is stored.
//  - errored, expired or canceled: nothing was produced, the hold is released in full, the claim
//    is freed with an audit event, and the briefing is written at once by a direct call (full
//    price, its own reservation and usage row): the tenant allowed a delay, not a missing day.
// Idempotent: only a row still "generating" on this batch is touched; a hold settled by an
// earlier run of the job is read back, never charged twice.
import "server-only";
import { batchResults, retrieveBatch } from "@/lib/ai/provider/batches";
import { recordAudit } from "@/lib/audit/record";
import { heartbeatReservation, recordBatchUsage, releaseReservation } from "@/lib/credits";
import { getDb } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { briefingConfigIfAllowed } from "./briefing-access";
import { sendCollectBriefingJob } from "./briefing-job-names";
import { briefingToolSchema, type BriefingNumbers } from "./schemas";
import { storeBriefing } from "./store-briefing";
import { writeBriefing } from "./write-briefing";

/** Under the sweep's 10 minutes, so every look renews the hold in time. */
export const MAX_LOOK_SECONDS = 300;

export async function collectBriefingBatch(input: { tenantId: string; briefingId: string; look: number }) {
  const { tenantId, briefingId } = input;
  const db = await getDb();
  const scoped = db.forTenant({ tenantId });
  const row = await scoped.briefing.findUnique({ where: { tenantId_id: { tenantId, id: briefingId } } });
  if (!row || row.status !== "generating" || !row.batchId || !row.reservationId) return;
  const { batchId, reservationId } = row;
  const ctx = { tenantId, userId: row.createdById };
  const day = row.day.toISOString().slice(0, 10);

  const batch = await retrieveBatch("briefing", batchId);
  if (batch.status !== "ended") {
    await heartbeatReservation(ctx, reservationId);
    const look = input.look + 1;
    await sendCollectBriefingJob({ tenantId, briefingId, look }, Math.min(MAX_LOOK_SECONDS, 2 ** (look + 1)));
    return;
  }

  const result = (await batchResults("briefing", batchId)).find((r) => r.customId === briefingId);
  if (!result || result.type !== "succeeded") {
    const outcome = result ? (result.type === "errored" ? result.errorType : result.type) : "no_result";
    await releaseReservation(ctx, reservationId, `briefing batch ${outcome}`);
    const freed = await scoped.$tenantTransaction(async (tx) => {
      const n = await tx.$executeRaw`
        DELETE FROM briefings WHERE tenant_id = ${tenantId}::uuid AND id = ${briefingId}::uuid
          AND status = 'generating' AND batch_id = ${batchId}`;
      if (n > 0)
        await recordAudit(tx, {
          tenantId,
          action: "ai.briefing_batch_failed",
          targetType: "briefing",
          targetId: briefingId,
          data: { feature: "briefing", day, batchId, reservationId, outcome, fallback: "direct" },
        });
      return n > 0;
    });
    if (!freed) return;
    const config = await briefingConfigIfAllowed(tenantId);
    // Switched off or out of plan since: the day stays free; the scheduler does not retry a past day.
    if (!config) return;
    // A failure here leaves the day free (its claim was deleted): the scheduler's next pass,
    // 15 minutes on, finds no briefing for the tenant's yesterday and tries again.
    await writeBriefing({ tenantId }, { config, day, createdById: row.createdById, via: "direct" });
    return;
  }

  const parsed = briefingToolSchema.safeParse(result.toolInput);
  let credits = 0;
  try {
    const settled = await recordBatchUsage(ctx, {
      reservationId,
      model: result.model,
      rows: [{ ...result.usage, outcome: "ok", latencyMs: 0, userId: row.createdById }],
    });
    credits = Number(settled.creditsUsed);
  } catch (err) {
    // An earlier run of this job settled it (then died before storing): read what it charged.
    if (!(err instanceof ConflictError)) throw err;
    const [held] = await scoped.$tenantTransaction(
      (tx) =>
        tx.$queryRaw<Array<{ used: bigint | null }>>`
        SELECT credits_used AS used FROM credit_reservations WHERE id = ${reservationId}::uuid`,
    );
    credits = Number(held?.used ?? 0);
  }
  if (!parsed.success) logger.warn({ briefingId, batchId }, "briefing batch reply of the wrong shape: numbers only");
  await storeBriefing(
    { tenantId },
    {
      id: briefingId,
      day,
      numbers: row.numbers as BriefingNumbers,
      sentences: parsed.success ? parsed.data.sentences : [],
      model: result.model,
      credits,
      charge: { batchId, reservationId },
    },
  );
}
