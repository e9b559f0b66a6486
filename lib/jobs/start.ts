// The in-app worker, started by instrumentation.ts unless JOBS_WORKER=off (web-only instances;
// `npm run worker` then does the work). A failure to start is logged, not fatal: the web app
// keeps serving and /api/ready is unaffected.
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log/logger";

export async function startInAppWorker(): Promise<void> {
  if (getConfig().JOBS_WORKER === "off") return;
  try {
    const { startWorker } = await import("./worker");
    await startWorker();
  } catch (err) {
    logger.error({ err, event: "jobs.start_failed" }, "job worker did not start");
  }
}
