// Short tenant WRITE transactions whose last statement is sent together with its COMMIT, for
// the writes that take a tenant-wide hot lock (the credit balance row, the audit chain head).
//
// In a Prisma interactive transaction the client sends COMMIT only after the last statement's
// reply has come back and the adapter has handed it to JavaScript: every lock the statement
// took is held for that round trip too. On this 2-core machine that made the lock hold ~2 ms and
// capped one tenant's reserve+settle at 222 pairs/s (idle machine; two EMPTY Prisma tenant
// transactions did 829/s). Here the final statement and COMMIT are written to the connection
// back to back (node-postgres pipeline mode), so PostgreSQL releases the locks as soon as the
// statement ends, whatever the client is doing. The first statement is likewise written with
// BEGIN and the tenant's set_config, so a transaction of N statements costs N round trips.
//
// Both walls stay as in $tenantTransaction: the pool logs in as the app role (RLS applies) and
// `app.tenant_id` is set with set_config(…, true) inside the transaction; the SQL filters
// tenant_id itself. Without DATABASE_URL (embedded PGlite, one connection) it runs the same
// statements in $tenantTransaction. Rows come back as node-postgres gives them (int8/numeric
// as strings): cast what you read to ::text or ::int so both paths return the same types.
import { createHash } from "node:crypto";
import type { PoolClient } from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation/uuid";
import { getDb } from "./index";
import { readPool } from "./read-pool";
import { TenantScopeError } from "./tenant-scope";
import { databaseErrorFor } from "./unavailable";

/** Statements must have a fixed shape (values as parameters): each text is prepared per connection. */
export type PipelineTx = {
  /** Runs one statement inside the transaction and returns its rows. */
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  /** Runs the last statement and COMMIT in one round trip; the transaction is over afterwards. */
  finish<T>(sql: Prisma.Sql): Promise<T[]>;
  /**
   * finish(sql), then `read` in a READ ONLY transaction of its own (it sees what was just
   * committed), all in the same round trip: [rows of sql, rows of read].
   */
  finishThenRead<T, R>(sql: Prisma.Sql, read: Prisma.Sql): Promise<[T[], R[]]>;
};

export type PipelineOptions = {
  /**
   * `SET LOCAL synchronous_commit = off`: COMMIT does not wait for the WAL flush (see
   * lib/credits/shared.ts for when that is acceptable).
   */
  asyncCommit?: boolean;
};

export async function tenantPipeline<T>(
  tenantId: string,
  fn: (tx: PipelineTx) => Promise<T>,
  options: PipelineOptions = {},
): Promise<T> {
  if (!isUuid(tenantId)) throw new TenantScopeError("tenantPipeline() needs a valid tenantId");
  const pool = readPool();
  if (!pool) return embedded(tenantId, fn, options);

  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw databaseErrorFor(err);
  }
  type State = "idle" | "open" | "done";
  let state = "idle" as State;
  let broken: Error | undefined;
  type Step = string | Prisma.Sql;
  const write = (step: Step) =>
    typeof step === "string"
      ? client.query(step)
      : client.query({ name: statementName(step.text), text: step.text, values: step.values as unknown[] });

  // Writes whatever the transaction still needs first (BEGIN, tenant, settings), then `steps`,
  // all before the first reply arrives; returns the rows of each step. `ends`: the steps
  // include the COMMIT at index 1 (what follows it runs outside this transaction).
  async function send(steps: Step[], ends: boolean): Promise<unknown[][]> {
    if (state === "done") throw new Error("tenantPipeline: the transaction is over");
    const head =
      state === "idle"
        ? [
            client.query("BEGIN"),
            client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]),
            ...(options.asyncCommit ? [client.query("SET LOCAL synchronous_commit = off")] : []),
          ]
        : [];
    state = ends ? "done" : "open";
    // Every promise is observed (allSettled) so no rejection goes unhandled.
    const results = await Promise.allSettled([...head, ...steps.map(write)]);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) {
      broken = failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
      // A statement error leaves the transaction aborted (and a pipelined COMMIT rolls it back).
      throw databaseErrorFor(failed.reason, { mayHaveCommitted: ends });
    }
    const own = results.slice(head.length) as PromiseFulfilledResult<{ rows: unknown[]; command: string }>[];
    if (ends && own[1]!.value.command !== "COMMIT")
      throw (broken = new Error(`tenantPipeline: transaction ended with ${own[1]!.value.command}`));
    return own.map((r) => r.value.rows);
  }

  const tx: PipelineTx = {
    query: async <R>(sql: Prisma.Sql) => (await send([sql], false))[0] as R[],
    finish: async <R>(sql: Prisma.Sql) => (await send([sql, "COMMIT"], true))[0] as R[],
    finishThenRead: async <F, R>(sql: Prisma.Sql, read: Prisma.Sql): Promise<[F[], R[]]> => {
      const setTenant = Prisma.sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      const rows = await send([sql, "COMMIT", "BEGIN READ ONLY", setTenant, read, "COMMIT"], true);
      return [rows[0] as F[], rows[4] as R[]];
    },
  };
  try {
    return await fn(tx);
  } finally {
    if (state === "open" && !broken) {
      // fn returned or threw without finish(): nothing it wrote is kept.
      await client.query("ROLLBACK").catch((err: Error) => (broken = err));
    }
    // After a failure the connection's state is not worth trusting: drop it.
    client.release(broken);
  }
}

/**
 * Statements are prepared once per connection under a name derived from their text: these are
 * the hot paths' few fixed shapes, and PostgreSQL parsing and planning the CTEs of four inserts
 * again on every call was much of their cost: the credits bench (one tenant, consecutive runs,
 * machine under load) went from 325 to 585 reserve+settle/s at concurrency 1 and from 547 to 838 at 8.
 */
const statementName = (text: string) => `tp_${createHash("sha1").update(text).digest("base64url")}`;

/** Thrown inside $tenantTransaction to roll back a transaction that ended without finish(). */
class NotFinished<T> {
  constructor(readonly result: T) {}
}

async function embedded<T>(tenantId: string, fn: (tx: PipelineTx) => Promise<T>, options: PipelineOptions) {
  const db = await getDb();
  try {
    return await db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
      if (options.asyncCommit) await tx.$executeRawUnsafe("SET LOCAL synchronous_commit = off");
      let over = false;
      const run = <R>(sql: Prisma.Sql, last: boolean) => {
        if (over) throw new Error("tenantPipeline: the transaction is over");
        over = last;
        return tx.$queryRaw<R[]>(sql);
      };
      const result = await fn({
        query: (sql) => run(sql, false),
        finish: (sql) => run(sql, true),
        // One connection, one transaction: the read runs last in it and sees what was written.
        finishThenRead: async <F, R>(sql: Prisma.Sql, read: Prisma.Sql): Promise<[F[], R[]]> => {
          const rows = await run<F>(sql, false);
          return [rows, await run<R>(read, true)];
        },
      });
      // Same as the pooled path: what was written without finish() is not kept.
      if (!over) throw new NotFinished(result);
      return result;
    });
  } catch (err) {
    if (err instanceof NotFinished) return err.result as T;
    throw err;
  }
}
