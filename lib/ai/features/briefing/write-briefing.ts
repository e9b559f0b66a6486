// Writes one tenant's briefing for one local day, at most once: the (tenant_id, day) row is
// claimed with INSERT … ON CONFLICT before anything is computed or paid for, so of two workers
// (or a worker and a "Generate now") only the one whose insert won calls the model; the other
// gets the existing row. A claim whose writer died (still "generating" after CLAIM_STALE_MINUTES)
// may be taken over. A failed call deletes its claim, so the next run can try again.
import "server-only";
import { randomUUID } from "node:crypto";
import type { AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import { creditedStructuredCall } from "@/lib/ai/credited-structured";
import { tenantBlock } from "@/lib/ai/prompt/data-block";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { renderBriefingPrompt } from "./build-briefing-prompt";
import { computeBriefingNumbers } from "./compute-briefing-numbers";
import { readBriefing, type BriefingView } from "./read-briefing";
import { BRIEFING_TOOL, briefingToolSchema, type BriefingNumbers } from "./schemas";
import { validateBriefing } from "./validate-briefing";

export const CLAIM_STALE_MINUTES = 10;

/** What is stored when every sentence the model wrote failed validation: ours, numbers only. */
export const FALLBACK_SENTENCE =
  "Yesterday: [ref:new] new cases, [ref:resolved] resolved, [ref:overdue] open cases overdue.";

export type WriteBriefingResult = { briefing: BriefingView; created: boolean; creditsUsed: number };

export async function writeBriefing(
  tenant: { tenantId: string },
  input: { config: AiFeatureSettingsFor<"briefing">; day: string; createdById: string | null },
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
        SET id = EXCLUDED.id, claimed_at = now(), created_by_id = EXCLUDED.created_by_id, time_zone = EXCLUDED.time_zone
        WHERE briefings.status = 'generating'
          AND briefings.claimed_at < now() - make_interval(mins => ${CLAIM_STALE_MINUTES}::int)
      RETURNING id`,
  );
  if (claimed.length === 0) {
    const existing = await readBriefing(tenant, day);
    return { briefing: existing!, created: false, creditsUsed: 0 };
  }

  let numbers: BriefingNumbers;
  let sentences: string[];
  let model: string;
  let usageId: string | null;
  let creditsUsed: number;
  try {
    numbers = await computeBriefingNumbers(tenant, day, config.timeZone);
    const prompt = renderBriefingPrompt(numbers);
    const { value, settled } = await creditedStructuredCall(
      { tenantId: tenant.tenantId, userId: input.createdById },
      {
        feature: "briefing",
        config,
        system:
          prompt.system + tenantBlock(config.promptAdditions, "markers instead of numbers, nothing beyond <numbers>"),
        messages: prompt.messages,
        schema: briefingToolSchema,
        toolName: BRIEFING_TOOL,
        toolDescription: "Record the briefing sentences.",
      },
    );
    const checked = validateBriefing(value.value.sentences, numbers);
    sentences = checked.sentences.length ? checked.sentences : [FALLBACK_SENTENCE];
    model = value.model;
    usageId = settled.usageId;
    creditsUsed = Number(settled.creditsUsed);
    await scoped.$tenantTransaction(async (tx) => {
      await tx.$executeRaw`
        UPDATE briefings SET status = 'ready', numbers = ${JSON.stringify(numbers)}::jsonb,
          text = ${sentences.join("\n")}, model = ${model}, completed_at = now()
        WHERE tenant_id = ${tenant.tenantId}::uuid AND id = ${id}::uuid`;
      await recordAudit(tx, {
        tenantId: tenant.tenantId,
        action: "ai.briefing_written",
        targetType: "briefing",
        targetId: id,
        data: { feature: "briefing", day, model, usageId, credits: creditsUsed, dropped: checked.dropped },
      });
    });
  } catch (err) {
    await scoped.$tenantTransaction(
      (tx) =>
        tx.$executeRaw`DELETE FROM briefings WHERE tenant_id = ${tenant.tenantId}::uuid AND id = ${id}::uuid AND status = 'generating'`,
    );
    throw err;
  }
  return { briefing: (await readBriefing(tenant, day))!, created: true, creditsUsed };
}
