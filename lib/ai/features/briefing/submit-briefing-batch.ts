// The scheduled briefing through the Message Batches API (the tenant allowed the delay, AI
// settings "viaBatch"): the hold is reserved at the batch price (the prompt, the forced tool and
// the max tokens, half price), the one-request batch is created (custom id = the briefing's
// id), its id, the hold and the numbers are kept on the claimed row with an audit event, and
// the collect job is scheduled. The batch not taken: the hold is released and the error goes to
// writeBriefing, which frees the day for the next pass. Once the batch exists nothing here
// throws: the row must keep pointing at what was paid for.
import "server-only";
import type { AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import { createBatch } from "@/lib/ai/provider/batches";
import { toolInputSchema } from "@/lib/ai/provider/complete-structured";
import type { AiMessage } from "@/lib/ai/provider/types";
import { maxInputTokensFor } from "@/lib/ai/token-estimate";
import { recordAudit } from "@/lib/audit/record";
import { releaseReservation, reserveCredits } from "@/lib/credits";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { sendCollectBriefingJob } from "./briefing-job-names";
import { BRIEFING_TOOL, briefingToolSchema, type BriefingNumbers } from "./schemas";

/** The provider's preamble around a forced tool (as lib/ai/credited-structured.ts counts it). */
const TOOL_PREAMBLE_TOKENS = 400;
/** The first look at the batch; later looks back off (collect-briefing-batch.ts). */
export const FIRST_COLLECT_SECONDS = 2;

export async function submitBriefingBatch(
  tenant: { tenantId: string },
  input: {
    id: string;
    numbers: BriefingNumbers;
    system: string;
    messages: AiMessage[];
    config: AiFeatureSettingsFor<"briefing">;
    createdById: string | null;
  },
): Promise<void> {
  const { config } = input;
  const ctx = { tenantId: tenant.tenantId, userId: input.createdById };
  const inputSchema = toolInputSchema(briefingToolSchema);
  const reservation = await reserveCredits(ctx, {
    feature: "briefing",
    model: config.model,
    maxInputTokens:
      maxInputTokensFor(input.system, input.messages, JSON.stringify(inputSchema).length) + TOOL_PREAMBLE_TOKENS,
    maxOutputTokens: config.maxTokens,
    batch: true,
    limits: { tenantMonthly: config.monthlyCreditLimit, userMonthly: config.perUserMonthlyCreditLimit },
  });
  let batchId: string;
  try {
    const batch = await createBatch({
      feature: "briefing",
      model: config.model,
      requests: [
        {
          customId: input.id,
          system: input.system,
          messages: input.messages,
          maxTokens: config.maxTokens,
          temperature: config.temperature,
          tool: { name: BRIEFING_TOOL, description: "Record the briefing sentences.", inputSchema },
        },
      ],
    });
    batchId = batch.id;
  } catch (err) {
    await releaseReservation(ctx, reservation.id, "briefing batch not created");
    throw err;
  }

  try {
    const db = await getDb();
    await db.forTenant(tenant).$tenantTransaction(async (tx) => {
      await tx.$executeRaw`
        UPDATE briefings SET batch_id = ${batchId}, reservation_id = ${reservation.id}::uuid,
          numbers = ${JSON.stringify(input.numbers)}::jsonb
        WHERE tenant_id = ${tenant.tenantId}::uuid AND id = ${input.id}::uuid AND status = 'generating'`;
      await recordAudit(tx, {
        tenantId: tenant.tenantId,
        action: "ai.briefing_batch_submitted",
        targetType: "briefing",
        targetId: input.id,
        data: { feature: "briefing", day: input.numbers.day, batchId, reservationId: reservation.id },
      });
    });
    await sendCollectBriefingJob({ tenantId: tenant.tenantId, briefingId: input.id, look: 0 }, FIRST_COLLECT_SECONDS);
  } catch (err) {
    // The batch is paid for: a lost row update leaves the hold to the stale sweep (refunded) and
    // the claim to be taken over after BATCH_STALE_HOURS; a lost job, the same.
    logger.error({ err, briefingId: input.id, batchId }, "briefing batch submitted but not recorded or scheduled");
  }
}
