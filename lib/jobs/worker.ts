// The worker: creates every registered job's queue (and its `<name>.dead` dead-letter queue)
// and cron schedule, then works them. Each run happens inside runAsSystem("job"), so logs and
// audit events say the system acted, with a fresh request id per run. Started inside the app
// (lib/jobs/start.ts, unless JOBS_WORKER=off) or as its own process (scripts/worker.ts).
import type { PgBoss } from "pg-boss";
import { getConfig } from "@/lib/config";
import { enrichLogContext, runAsSystem } from "@/lib/context/request-context";
import { logger } from "@/lib/log/logger";
import { allJobs } from "./catalog";
import { deadLetterQueue, type JobDefinition } from "./define-job";
import { getBoss } from "./boss";

/** Creates a job's queues with its retry policy; idempotent (safe on every start). */
export async function ensureQueue(boss: PgBoss, def: JobDefinition): Promise<void> {
  await boss.createQueue(deadLetterQueue(def.name), { retryLimit: 0 });
  await boss.createQueue(def.name, {
    // "short": at most one queued job per singletonKey (jobs without a key are not limited).
    policy: def.singletonKey ? "short" : "standard",
    retryLimit: def.retryLimit,
    retryDelay: def.retryDelay,
    retryBackoff: def.backoff,
    deadLetter: deadLetterQueue(def.name),
    notify: true,
  });
  if (def.cron) await boss.schedule(def.name, def.cron, (def.cronData ?? {}) as object, { tz: "UTC" });
}

export async function workJob(boss: PgBoss, def: JobDefinition): Promise<string> {
  const { JOBS_POLL_SECONDS } = getConfig();
  return boss.work<unknown>(
    def.name,
    { pollingIntervalSeconds: JOBS_POLL_SECONDS, notifyPollingIntervalSeconds: JOBS_POLL_SECONDS, batchSize: 1 },
    async ([job]) => {
      if (!job) return;
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
    },
  );
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
