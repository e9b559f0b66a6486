// PostgreSQL store (the default): one row per key in the global table rate_limit_buckets,
// changed by a single INSERT … ON CONFLICT … DO UPDATE … RETURNING, which PostgreSQL runs
// atomically per key however many app instances hit it at once. Expired rows are reset in
// place by that statement and deleted now and then by a sweep.
import { Prisma } from "@/lib/generated/prisma/client";
import { normaliseOptions, toResult } from "./result";
import type { RateLimitOptions, RateLimitResult, RateLimitStore } from "./types";

/** The part of a Prisma client the store needs (the app's `db` or the plain `base`). */
export type SqlClient = {
  $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T>;
  $executeRaw(query: Prisma.Sql): Prisma.PrismaPromise<number>;
};

/** Sweep expired rows on every Nth consume of a process (cheap: indexed on expires_at). */
const SWEEP_EVERY = 200;
const SWEEP_BATCH = 1000;

export function createPostgresStore(client: SqlClient): RateLimitStore {
  let calls = 0;
  return {
    kind: "postgres",
    async consume(key: string, options: RateLimitOptions): Promise<RateLimitResult> {
      const o = normaliseOptions(options);
      const now = new Date(o.now);
      const windowEnd = new Date(o.now + o.windowMs);
      const blockEnd = new Date(o.now + o.blockMs);
      // Inside ON CONFLICT, b.* is the row before this statement: every CASE reads the old
      // values. `fresh` = the old window has ended, so this hit opens a new one.
      const rows = await client.$queryRaw<{ count: number; expires_at: Date }[]>(Prisma.sql`
        INSERT INTO rate_limit_buckets AS b (key, window_start, count, expires_at)
        VALUES (${key}, ${now}, GREATEST(${o.cost}::int, 0),
                CASE WHEN ${o.blockMs}::bigint > 0 AND ${o.limit}::int > 0 AND ${o.cost}::int >= ${o.limit}::int
                     THEN GREATEST(${windowEnd}::timestamptz, ${blockEnd}::timestamptz) ELSE ${windowEnd}::timestamptz END)
        ON CONFLICT (key) DO UPDATE SET
          window_start = CASE WHEN b.expires_at <= ${now}::timestamptz THEN ${now}::timestamptz ELSE b.window_start END,
          count = CASE WHEN b.expires_at <= ${now}::timestamptz THEN GREATEST(${o.cost}::int, 0)
                       ELSE GREATEST(b.count + ${o.cost}::int, 0) END,
          expires_at = CASE
            WHEN b.expires_at <= ${now}::timestamptz THEN
              CASE WHEN ${o.blockMs}::bigint > 0 AND ${o.limit}::int > 0 AND ${o.cost}::int >= ${o.limit}::int
                   THEN GREATEST(${windowEnd}::timestamptz, ${blockEnd}::timestamptz) ELSE ${windowEnd}::timestamptz END
            WHEN ${o.blockMs}::bigint > 0 AND b.count < ${o.limit}::int AND b.count + ${o.cost}::int >= ${o.limit}::int
              THEN GREATEST(b.expires_at, ${blockEnd}::timestamptz)
            ELSE b.expires_at END
        RETURNING count, expires_at`);
      const row = rows[0];
      if (!row) throw new Error("rate limit: upsert returned no row");
      if (++calls % SWEEP_EVERY === 0) await sweepExpired(client);
      return toResult(Number(row.count), new Date(row.expires_at).getTime(), o);
    },
  };
}

/**
 * Deletes rows whose window ended a while ago by the database's own clock (never by an
 * injected test clock, which could otherwise delete live rows of other callers).
 */
export function sweepExpired(client: SqlClient): Promise<number> {
  return client.$executeRaw(Prisma.sql`
    DELETE FROM rate_limit_buckets WHERE key IN (
      SELECT key FROM rate_limit_buckets WHERE expires_at < now() - interval '1 minute' LIMIT ${SWEEP_BATCH})`);
}
