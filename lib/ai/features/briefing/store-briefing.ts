// The last step of writing a briefing, shared by the direct call (write-briefing.ts) and the
// batch (collect-briefing-batch.ts): the model's sentences are checked against the numbers
// (what fails is dropped; nothing left: the product's own numbers-only sentence), the claimed
// row becomes "ready" with its audit event in the same transaction, and the members who opted
// in are emailed by a job. Only a row still "generating" under this id is written, so a second
// run of a job changes nothing and audits nothing.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { sendEmailBriefingJob } from "./briefing-job-names";
import type { BriefingNumbers } from "./schemas";
import { validateBriefing } from "./validate-briefing";

/** What is stored when every sentence the model wrote failed validation: ours, numbers only. */
export const FALLBACK_SENTENCE =
  "Yesterday: [ref:new] new cases, [ref:resolved] resolved, [ref:overdue] open cases overdue.";

export async function storeBriefing(
  tenant: { tenantId: string },
  input: {
    id: string;
    day: string;
    numbers: BriefingNumbers;
    sentences: readonly string[];
    model: string;
    credits: number;
    /** The direct call's usage row, or the batch and its settled hold. */
    charge: { usageId: string | null } | { batchId: string; reservationId: string };
  },
): Promise<boolean> {
  const db = await getDb();
  const checked = validateBriefing(input.sentences, input.numbers);
  const sentences = checked.sentences.length ? checked.sentences : [FALLBACK_SENTENCE];
  const stored = await db.forTenant(tenant).$tenantTransaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE briefings SET status = 'ready', numbers = ${JSON.stringify(input.numbers)}::jsonb,
        text = ${sentences.join("\n")}, model = ${input.model}, completed_at = now(), batch_id = NULL, reservation_id = NULL
      WHERE tenant_id = ${tenant.tenantId}::uuid AND id = ${input.id}::uuid AND status = 'generating'`;
    if (n === 0) return false;
    await recordAudit(tx, {
      tenantId: tenant.tenantId,
      action: "ai.briefing_written",
      targetType: "briefing",
      targetId: input.id,
      data: {
        feature: "briefing",
        day: input.day,
        model: input.model,
        ...input.charge,
        batch: "batchId" in input.charge,
        credits: input.credits,
        dropped: checked.dropped,
      },
    });
    return true;
  });
  if (!stored) return false;
  // Queued only when someone opted in (no empty jobs); a queue failure loses the emails, never
  // the briefing, which is on the dashboard either way.
  const optedIn = await db.forTenant(tenant).briefingEmailOptIn.count();
  if (optedIn > 0)
    await sendEmailBriefingJob({ tenantId: tenant.tenantId, briefingId: input.id }).catch((err: unknown) =>
      logger.error({ err, briefingId: input.id }, "briefing emails not queued"),
    );
  return true;
}
