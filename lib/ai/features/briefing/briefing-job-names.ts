// The briefing's follow-up jobs: names and payloads (ids only), apart from their definitions
// (briefing-job.ts). Scheduled through pg-boss directly, as the bulk classification's are
// (lib/ai/features/bulk-classification/job-names.ts): enqueueJob reads the job catalog, which
// imports these handlers, and lib/ stays free of import cycles.
import { z } from "zod";
import { getBoss } from "@/lib/jobs/boss";

export const COLLECT_BRIEFING_JOB = "ai.briefing.collect";
export const EMAIL_BRIEFING_JOB = "ai.briefing.email";

/** `look`: how many times the batch was looked at (sets the back-off and the singleton key). */
export const collectBriefingJobSchema = z.object({
  tenantId: z.string().uuid(),
  briefingId: z.string().uuid(),
  look: z.number().int().min(0).max(10_000),
});
/** Without `userId`: find the recipients and queue one job each; with it: email that person. */
export const emailBriefingJobSchema = z.object({
  tenantId: z.string().uuid(),
  briefingId: z.string().uuid(),
  userId: z.string().uuid().optional(),
});

export async function sendCollectBriefingJob(data: z.infer<typeof collectBriefingJobSchema>, startAfter: number) {
  const boss = await getBoss();
  await boss.send(COLLECT_BRIEFING_JOB, collectBriefingJobSchema.parse(data), {
    startAfter,
    singletonKey: `${data.briefingId}:${data.look}`,
  });
}

export async function sendEmailBriefingJob(data: z.infer<typeof emailBriefingJobSchema>) {
  const boss = await getBoss();
  await boss.send(EMAIL_BRIEFING_JOB, emailBriefingJobSchema.parse(data), {
    singletonKey: `${data.briefingId}:${data.userId ?? "all"}`,
  });
}
