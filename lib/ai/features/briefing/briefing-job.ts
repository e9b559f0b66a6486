// The briefing scheduler's cron (issue #10 item 6): every 15 minutes, so a tenant's briefing is
// written within 15 minutes after its local time. Idempotent by construction: a day already
// briefed is skipped, and writeBriefing's claim keeps concurrent passes to one charge.
import { z } from "zod";
import { runAsSystem } from "@/lib/context/request-context";
import { defineJob } from "@/lib/jobs/define-job";
import { logger } from "@/lib/log/logger";
import {
  COLLECT_BRIEFING_JOB,
  collectBriefingJobSchema,
  EMAIL_BRIEFING_JOB,
  emailBriefingJobSchema,
} from "./briefing-job-names";
import { collectBriefingBatch } from "./collect-briefing-batch";
import { emailBriefing } from "./email-briefing";
import { runDueBriefings } from "./run-due-briefings";

export const dailyBriefingsJob = defineJob({
  name: "ai.daily-briefings",
  schema: z.object({}),
  retryLimit: 1,
  retryDelay: 60,
  backoff: false,
  cron: "*/15 * * * *",
  cronData: {},
  singletonKey: () => "ai.daily-briefings",
  async handler() {
    const result = await runAsSystem("job", () => runDueBriefings());
    if (result.written || result.failed) logger.info(result, "daily briefings pass");
  },
});

// Looks at a briefing's Message Batch until it ends, then stores or falls back (idempotent:
// collect-briefing-batch.ts). Retries cover a provider hiccup while looking.
export const collectBriefingBatchJob = defineJob({
  name: COLLECT_BRIEFING_JOB,
  schema: collectBriefingJobSchema,
  retryLimit: 5,
  retryDelay: 30,
  backoff: true,
  handler: (data) => runAsSystem("job", () => collectBriefingBatch(data)),
});

// Emails a stored briefing: the fan-out run, then one run per recipient, each retried alone.
export const emailBriefingJob = defineJob({
  name: EMAIL_BRIEFING_JOB,
  schema: emailBriefingJobSchema,
  retryLimit: 3,
  retryDelay: 60,
  backoff: true,
  handler: async (data) => {
    await runAsSystem("job", () => emailBriefing(data));
  },
});
