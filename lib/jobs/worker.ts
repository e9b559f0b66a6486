// The worker: creates every registered job's queue (and its `<name>.dead` dead-letter queue)
// and cron schedule, then works them. Each run happens inside runAsSystem("job"), so logs and
// audit events say the system acted, with a fresh request id per run. Started inside the app
// (lib/jobs/start.ts, unless JOBS_WORKER=off) or as its own process (scripts/worker.ts).
import type { Job, JobResult, PgBoss } from "pg-boss";
import { getConfig } from "@/lib/config";
import { enrichLogContext, runAsSystem } from "@/lib/context/request-context";
import { logger } from "@/lib/log/logger";
import { allJobs } from "./catalog";
import type { JobDefinition } from "./define-job";
import { ensureQueue } from "./ensure-queue";
import { getBoss } from "./boss";

export { ensureQueue };

/** Runs one job of `def` in its own system context; throws what the handler throws. */
async function runOne(def: JobDefinition, job: Job<unknown>): Promise<void> {
  await runAsSystem("job", async () => {
    const data = def.schema.parse(job.data) as Record<string, unknown>;
    const tenantId = typeof data.tenantId === "string" ? data.tenantId : undefined;
    if (tenantId) enrichLogContext({ tenantId });
    try {
      await def.handler(data, { jobId: job.id, attempt: job.retryCount });
    } catch (err) {
      logger.warn({ err, job: def.name, jobId: job.id, attempt: job.retryCount }, "job failed");
      throw err;
    }
  });
}

export async function workJob(boss: PgBoss, def: JobDefinition): Promise<string> {
  const { JOBS_POLL_SECONDS } = getConfig();
  const polling = {
    pollingIntervalSeconds: JOBS_POLL_SECONDS,
    notifyPollingIntervalSeconds: JOBS_POLL_SECONDS,
    localConcurrency: def.localConcurrency ?? 1,
  };
  if ((def.batchSize ?? 1) > 1) {
    // A batch's jobs run side by side, each with its own result (one failure retries that job
    // alone), and a full batch fetches the next at once instead of waiting for the poll: a
    // backlog (a burst of webhooks) drains at the handlers' speed, not one job per poll.
    return boss.work<unknown>(
      def.name,
      { ...polling, batchSize: def.batchSize, burstWhenBatchFull: true, perJobResults: true },
      async (jobs) =>
        Promise.all(
          jobs.map(async (job): Promise<JobResult> => {
            try {
              await runOne(def, job);
              return { id: job.id, status: "completed" };
            } catch (err) {
              return { id: job.id, status: "failed", output: { message: (err as Error).message?.slice(0, 200) } };
            }
          }),
        ),
    );
  }
  return boss.work<unknown>(def.name, { ...polling, batchSize: 1 }, async ([job]) => {
    if (job) await runOne(def, job);
  });
}

/** Starts working every registered job in this process. */
export async function startWorker(): Promise<PgBoss> {
  const boss = await getBoss();
  for (const def of allJobs()) {
    await ensureQueue(boss, def);
    await workJob(boss, def);
  }
  logger.info({ jobs: allJobs().map((j) => j.name) }, "job worker started");
  return boss;
}
