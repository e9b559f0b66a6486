// Writes one tenant's briefing for one local day, at most once: the (tenant_id, day) row is
// claimed with INSERT … ON CONFLICT before anything is computed or paid for, so of two workers
// (or a worker and a "Generate now") only the one whose insert won calls the model; the other
// gets the existing row. A claim whose writer died (still "generating" after CLAIM_STALE_MINUTES)
// may be taken over; one waiting on a Message Batch only after BATCH_STALE_HOURS (a batch
// answers within 24 h; its collect job keeps looking until then). A failed call deletes its
// claim, so the next run can try again.
//
// `via: "batch"` (the scheduler, when the tenant allows the delay) submits the prompt as a
// one-request Message Batch at half price and returns with the row still "generating";
// collect-briefing-batch.ts stores the result. Otherwise the model is called now.
import "server-only";
import { randomUUID } from "node:crypto";
import type { AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import { creditedStructuredCall } from "@/lib/ai/credited-structured";
import { tenantBlock } from "@/lib/ai/prompt/data-block";
import { getDb } from "@/lib/db";
import { renderBriefingPrompt } from "./build-briefing-prompt";
import { computeBriefingNumbers } from "./compute-briefing-numbers";
import { readBriefing, type BriefingView } from "./read-briefing";
import { BRIEFING_TOOL, briefingToolSchema } from "./schemas";
import { storeBriefing } from "./store-briefing";
import { submitBriefingBatch } from "./submit-briefing-batch";

export { FALLBACK_SENTENCE } from "./store-briefing";

export const CLAIM_STALE_MINUTES = 10;
export const BATCH_STALE_HOURS = 25;

export type WriteBriefingResult = { briefing: BriefingView; created: boolean; creditsUsed: number };

export async function writeBriefing(
  tenant: { tenantId: string },
  input: {
    config: AiFeatureSettingsFor<"briefing">;
    day: string;
    createdById: string | null;
    via?: "direct" | "batch";
  },
): Promise<WriteBriefingResult> {
  const db = await getDb();
  const scoped = db.forTenant(tenant);
  const { config, day } = input;
  const id = randomUUID();
  const claimed = await scoped.$tenantTransaction(
    (tx) =>
      tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO briefings (id, tenant_id, day, time_zone, status, created_by_id)
      VALUES (${id}::uuid, ${tenant.tenantId}::uuid, ${day}::date, ${config.timeZone}, 'generating', ${input.createdById}::uuid)
      ON CONFLICT (tenant_id, day) DO UPDATE
        SET id = EXCLUDED.id, claimed_at = now(), created_by_id = EXCLUDED.created_by_id, time_zone = EXCLUDED.time_zone,
            batch_id = NULL, reservation_id = NULL
        WHERE briefings.status = 'generating'
          AND briefings.claimed_at < now() - CASE WHEN briefings.batch_id IS NULL
            THEN make_interval(mins => ${CLAIM_STALE_MINUTES}::int) ELSE make_interval(hours => ${BATCH_STALE_HOURS}::int) END
      RETURNING id`,
  );
  if (claimed.length === 0) {
    const existing = await readBriefing(tenant, day);
    return { briefing: existing!, created: false, creditsUsed: 0 };
  }

  let creditsUsed = 0;
  try {
    const numbers = await computeBriefingNumbers(tenant, day, config.timeZone);
    const prompt = renderBriefingPrompt(numbers);
    const system =
      prompt.system + tenantBlock(config.promptAdditions, "markers instead of numbers, nothing beyond <numbers>");
    if (input.via === "batch") {
      await submitBriefingBatch(tenant, {
        id,
        numbers,
        system,
        messages: prompt.messages,
        config,
        createdById: input.createdById,
      });
    } else {
      const { value, settled } = await creditedStructuredCall(
        { tenantId: tenant.tenantId, userId: input.createdById },
        {
          feature: "briefing",
          config,
          system,
          messages: prompt.messages,
          schema: briefingToolSchema,
          toolName: BRIEFING_TOOL,
          toolDescription: "Record the briefing sentences.",
        },
      );
      creditsUsed = Number(settled.creditsUsed);
      await storeBriefing(tenant, {
        id,
        day,
        numbers,
        sentences: value.value.sentences,
        model: value.model,
        credits: creditsUsed,
        charge: { usageId: settled.usageId },
      });
    }
  } catch (err) {
    await scoped.$tenantTransaction(
      (tx) =>
        tx.$executeRaw`DELETE FROM briefings WHERE tenant_id = ${tenant.tenantId}::uuid AND id = ${id}::uuid AND status = 'generating'`,
    );
    throw err;
  }
  return { briefing: (await readBriefing(tenant, day))!, created: true, creditsUsed };
}
