// Creating a job's queues, apart from the worker and the catalog: a domain that sends its own
// jobs (the Stripe webhook) ensures its queue exists without importing the catalog, which imports
// that domain's job definitions (an import cycle otherwise).
import type { PgBoss } from "pg-boss";
import { deadLetterQueue, type JobDefinition } from "./define-job";

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
