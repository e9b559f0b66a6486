// The bulk classification's jobs: names and payloads (ids only), apart from the definitions.
// The submit and collect handlers schedule the next step with sendRunJob (pg-boss directly,
// payload parsed here) rather than enqueueJob: enqueueJob reads the job catalog, which imports
// these handlers, and lib/ must stay free of import cycles (tests/unit/import-cycles.test.ts).
import { z } from "zod";
import { getBoss } from "@/lib/jobs/boss";

export const SUBMIT_JOB = "ai.bulk-classification.submit";
export const COLLECT_JOB = "ai.bulk-classification.collect";

export const submitJobSchema = z.object({ tenantId: z.string().uuid(), runId: z.string().uuid() });
/** `look`: how many times the batch was looked at (sets the back-off, and the singleton key). */
export const collectJobSchema = submitJobSchema.extend({ look: z.number().int().min(0).max(10_000) });

export async function sendRunJob(
  name: typeof COLLECT_JOB,
  data: z.infer<typeof collectJobSchema>,
  opts: { startAfter: number; singletonKey: string },
): Promise<void> {
  const boss = await getBoss();
  await boss.send(name, collectJobSchema.parse(data), opts);
}
