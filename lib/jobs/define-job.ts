// How a background job is declared. The handler rule: a job may run more than once (a worker
// that dies after the work but before pg-boss records completion leaves the job to be retried
// when it expires), so every handler must be idempotent: state the end result ("delete what has
// expired", "set status to X where it is not yet X"), or check a key written in the same
// transaction as the effect, never "add one" blindly. Payloads carry ids only, never PII.
import type { z } from "zod";

export type JobContext = {
  /** pg-boss's job id: the same on every attempt of this job, usable as an idempotency key. */
  jobId: string;
  /** 0 on the first run, then 1, 2, … on retries. */
  attempt: number;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  handler: (data: z.infer<S>, ctx: JobContext) => Promise<void>;
  /** Retries after the first failure, then the job goes to `<name>.dead`. */
  retryLimit: number;
  /** Seconds before the first retry. */
  retryDelay: number;
  /** Doubles the delay on each retry (with pg-boss's jitter). */
  backoff: boolean;
  /** A cron expression (UTC): the job is enqueued on that schedule with `cronData`. */
  cron?: string;
  cronData?: z.infer<S>;
  /** Fetch loops of this queue in each worker process (default 1). */
  localConcurrency?: number;
  /**
   * Jobs fetched (and run side by side) per loop (default 1). Above 1, a full batch fetches the
   * next at once: for queues that get bursts. Each job still fails and retries on its own.
   */
  batchSize?: number;
  /** At most one queued job per key (pg-boss singletonKey), e.g. one sweep at a time. */
  singletonKey?: (data: z.infer<S>) => string;
};

export const deadLetterQueue = (name: string) => `${name}.dead`;

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(def.name) || def.name.endsWith(".dead"))
    throw new Error(`job name "${def.name}": lower-case words, dots and hyphens, not ending in .dead`);
  return def;
}
