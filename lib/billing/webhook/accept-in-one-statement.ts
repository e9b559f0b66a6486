// The webhook's one round trip: the event's inbox row and its pg-boss job in ONE statement (one
// commit). pg-boss writes a job with one INSERT (a `WITH ins AS (INSERT …)` that also NOTIFYs
// the workers) whose only parameter is the jobs' JSON ($1::text::json); it lets the caller run
// that statement (its `db` option). We run it with the inbox insert as one more data-modifying
// CTE in front, and with the job list emptied when the event is applied already:
//   WITH inbox AS (INSERT INTO stripe_event_inbox … ON CONFLICT (id) DO NOTHING), ins AS (…)
// so both rows commit together or not at all. Measured on the shared 2-core machine against the
// two autocommit statements it replaces, interleaved in one process (scripts/bench/webhook-accept.ts,
// medians of 3 runs at load average 12–21, docs/benchmarks.md §5): p50 37 against 62 ms one at a
// time, 57 against 43 accepts/s with 16 in flight. A pg-boss whose statement has another shape is run
// as before, two statements (acceptStripeEvent falls back), and logged once.
import "server-only";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import type { AcceptedStripeEvent } from "./apply-stripe-event";
import { enqueueStripeEvent } from "./stripe-event-job";

const JOBS_PARAM = "$1::text::json";
const INBOX_CTE = `inbox AS (
  INSERT INTO stripe_event_inbox (id, type, object_id, created_at_stripe)
  VALUES ($2, $3, $4, $5::int) ON CONFLICT (id) DO NOTHING)`;
// An applied event gets no job (its id is in stripe_events): the job list becomes empty.
const JOBS_UNLESS_APPLIED = `(CASE WHEN EXISTS (SELECT 1 FROM stripe_events WHERE id = $2) THEN '[]' ELSE $1::text END)::json`;

let warned = false;

/** pg-boss's job insert with the inbox insert in front, or null when its shape is not the one known. */
export function withInboxInsert(sql: string): string | null {
  const body = sql.trimStart();
  if (body.split(JOBS_PARAM).length !== 2 || /\$[2-9]/.test(body)) return null;
  const jobs = body.replace(JOBS_PARAM, JOBS_UNLESS_APPLIED);
  if (/^WITH\s/i.test(jobs)) return `WITH ${INBOX_CTE},${jobs.replace(/^WITH\s/i, " ")}`;
  if (/^INSERT\s/i.test(jobs)) return `WITH ${INBOX_CTE} ${jobs}`;
  return null;
}

/**
 * "queued": a job was written (a new event, or one accepted before whose job was lost); "duplicate":
 * applied already, or its job still waits (pg-boss's singleton key); null: not done, use two statements.
 */
export async function acceptInOneStatement(event: AcceptedStripeEvent): Promise<"queued" | "duplicate" | null> {
  const db = await getDb();
  let known = true;
  const jobId = await enqueueStripeEvent(event, {
    async executeSql(sql, values = []) {
      const combined = withInboxInsert(sql);
      if (!combined) {
        known = false;
        return { rows: [] };
      }
      const rows = await db.$queryRawUnsafe<unknown[]>(
        combined,
        ...values,
        event.id,
        event.type,
        event.objectId,
        event.created,
      );
      return { rows };
    },
  });
  if (known) return jobId ? "queued" : "duplicate";
  if (!warned)
    logger.warn({ event: "billing.webhook_accept_two_statements" }, "pg-boss's job insert has an unknown shape");
  warned = true;
  return null;
}
