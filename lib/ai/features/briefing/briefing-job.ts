// The briefing scheduler's cron (issue #10 item 6): every 15 minutes, so a tenant's briefing is
// written within 15 minutes after its local time. Idempotent by construction: a day already
// briefed is skipped, and writeBriefing's claim keeps concurrent passes to one charge.
import { z } from "zod";
import { runAsSystem } from "@/lib/context/request-context";
import { defineJob } from "@/lib/jobs/define-job";
import { logger } from "@/lib/log/logger";
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
