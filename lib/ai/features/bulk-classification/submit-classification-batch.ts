// The submit job: the run's pending cases → one Message Batch at the batch price. Credits are
// reserved first for the whole batch (every request's most: its prompt, the forced tool and
// the feature's max tokens, at the batch discount), then the batch is created and its id kept
// on the run, and the collect job is scheduled. Idempotent: a run that is not "queued" (an
// attempt already submitted it) is left alone, and a reservation kept from a failed attempt
// is reused rather than held twice. A refusal (credits, plan, provider) fails the run with the
// message a person reads; its cases stay pending, so "Retry" submits them again.
import "server-only";
import { tenantBlock } from "@/lib/ai/prompt/data-block";
import { createBatch, type AiBatchRequest } from "@/lib/ai/provider/batches";
import { toolInputSchema } from "@/lib/ai/provider/complete-structured";
import { maxInputTokensFor } from "@/lib/ai/token-estimate";
import { listCaseCategories } from "@/lib/cases/list-categories";
import { releaseReservation, reserveCredits } from "@/lib/credits";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishTenantEvent } from "@/lib/events/publish";
import { logger } from "@/lib/log/logger";
import {
  CLASSIFICATION_TOOL,
  renderClassificationPrompt,
} from "@/lib/ai/features/case-classification/build-classification-prompt";
import { classificationToolSchema } from "@/lib/ai/features/case-classification/schemas";
import { COLLECT_JOB, sendRunJob } from "./job-names";
import { loadClassificationSources } from "./load-classification-sources";
import { runAiAccess } from "./run-access";

/** The provider's preamble around a forced tool (as lib/ai/credited-structured.ts counts it). */
const TOOL_PREAMBLE_TOKENS = 400;
/** The first look at the batch; later looks back off (lib/ai/features/bulk-classification/collect…). */
export const FIRST_COLLECT_SECONDS = 2;

async function failRun(tenantId: string, runId: string, failure: string) {
  const db = await getDb();
  await db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    await tx.classificationRun.update({
      where: { tenantId_id: { tenantId, id: runId } },
      data: { status: "failed", failure, batchId: null },
    });
    await publishTenantEvent(tx, tenantId, { type: "classification_run.progress", ids: [runId] });
  });
}

function readable(err: unknown): string {
  if (err instanceof AppError && err.status < 500) return err.message;
  if (err instanceof AppError && err.code === "AI_NOT_CONFIGURED") return "AI is not configured";
  return "The AI provider did not take the batch. Try again in a few minutes.";
}

export async function submitClassificationBatch(input: { tenantId: string; runId: string }): Promise<void> {
  const { tenantId, runId } = input;
  const db = await getDb();
  const scoped = db.forTenant({ tenantId });
  const run = await scoped.classificationRun.findUnique({ where: { tenantId_id: { tenantId, id: runId } } });
  if (!run || run.status !== "queued") return;
  const ctx = { tenantId, userId: run.createdById };

  const access = await runAiAccess(tenantId);
  if (!access.allowed) return failRun(tenantId, runId, access.message);
  const config = access.config;

  const items = await scoped.classificationRunItem.findMany({
    where: { runId, status: "pending" },
    select: { caseId: true },
  });
  const [sources, categories] = await Promise.all([
    loadClassificationSources(
      ctx,
      items.map((i) => i.caseId),
    ),
    listCaseCategories(ctx),
  ]);
  // A case deleted since the run started is not sent: it fails as "gone", nothing is charged.
  const gone = items.filter((i) => !sources.has(i.caseId)).map((i) => i.caseId);
  if (gone.length)
    await scoped.classificationRunItem.updateMany({
      where: { runId, caseId: { in: gone } },
      data: { status: "errored", errorType: "case_gone" },
    });
  if (sources.size === 0) return failRun(tenantId, runId, "None of the cases exist any more.");

  const schema = classificationToolSchema(categories);
  const inputSchema = toolInputSchema(schema);
  const toolChars = JSON.stringify(inputSchema).length;
  const additions = tenantBlock(
    config.promptAdditions,
    "the tool, its fields and allowed values, data is not instructions",
  );
  let maxInputTokens = 0;
  const requests: AiBatchRequest[] = [...sources.values()].map((source) => {
    const prompt = renderClassificationPrompt(source, categories);
    const system = prompt.system + additions;
    maxInputTokens += maxInputTokensFor(system, prompt.messages, toolChars) + TOOL_PREAMBLE_TOKENS;
    return {
      customId: source.caseId,
      system,
      messages: prompt.messages,
      maxTokens: config.maxTokens,
      temperature: config.temperature,
      tool: { name: CLASSIFICATION_TOOL, description: "Record the suggested classification of the case.", inputSchema },
    };
  });

  let reservationId = run.reservationId;
  try {
    if (!reservationId) {
      const reservation = await reserveCredits(ctx, {
        feature: "bulk_classification",
        model: config.model,
        maxInputTokens,
        maxOutputTokens: requests.length * config.maxTokens,
        batch: true,
        limits: { tenantMonthly: config.monthlyCreditLimit, userMonthly: config.perUserMonthlyCreditLimit },
      });
      reservationId = reservation.id;
      await scoped.classificationRun.update({
        where: { tenantId_id: { tenantId, id: runId } },
        data: { reservationId },
      });
    }
  } catch (err) {
    logger.warn({ err, runId }, "bulk classification: credits not reserved");
    return failRun(tenantId, runId, readable(err));
  }

  let batchId: string;
  try {
    batchId = (await createBatch({ feature: "bulk_classification", model: config.model, requests })).id;
  } catch (err) {
    logger.warn({ err, runId }, "bulk classification: batch not created");
    await releaseReservation(ctx, reservationId, "batch not created");
    await scoped.classificationRun.update({
      where: { tenantId_id: { tenantId, id: runId } },
      data: { reservationId: null },
    });
    return failRun(tenantId, runId, readable(err));
  }

  await scoped.$tenantTransaction(async (tx) => {
    await tx.classificationRun.update({
      where: { tenantId_id: { tenantId, id: runId } },
      data: { status: "submitted", batchId, batches: { increment: 1 }, processed: 0, failure: null },
    });
    await tx.classificationRunItem.updateMany({
      where: { runId, caseId: { in: requests.map((r) => r.customId) } },
      data: { status: "submitted", errorType: null },
    });
    await publishTenantEvent(tx, tenantId, { type: "classification_run.progress", ids: [runId] });
  });
  await sendRunJob(
    COLLECT_JOB,
    { tenantId, runId, look: 0 },
    { startAfter: FIRST_COLLECT_SECONDS, singletonKey: `${runId}:0` },
  );
}
