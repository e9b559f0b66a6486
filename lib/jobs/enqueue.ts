// Enqueues a job after validating its data with the job's schema (a bad payload is a
// ValidationError for the caller, never a job that fails later). This runs AFTER the business
// transaction commits, on pg-boss's own pool: the app's transactions run under row-level
// security on Prisma's connection, and pg-boss's transactional `db` option would need its SQL on
// that same connection. A process that dies between the commit and the send loses the job, so
// handlers that matter are also on a cron sweep (the built-in purge is).
import type { SendOptions } from "pg-boss";
import { parseInput } from "@/lib/errors";
import { getJob } from "./catalog";
import { getBoss } from "./boss";

export type EnqueueOptions = Pick<SendOptions, "startAfter" | "priority"> & { singletonKey?: string };

export async function enqueueJob(name: string, data: unknown, opts: EnqueueOptions = {}): Promise<string | null> {
  const def = getJob(name);
  if (!def) throw new Error(`unknown job "${name}"`);
  const parsed = parseInput(def.schema, data) as object;
  const boss = await getBoss();
  const singletonKey = opts.singletonKey ?? def.singletonKey?.(parsed);
  // null: a job with the same singleton key is already queued (deduplicated).
  return boss.send(name, parsed, { ...opts, ...(singletonKey ? { singletonKey } : {}) });
}
