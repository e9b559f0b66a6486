// Read-only tenant queries in ONE network round trip, for the hot list pages.
//
// `db.forTenant(ctx).$tenantTransaction(tx => tx.$queryRaw(sql))` costs four sequential round
// trips (BEGIN, set_config, the query, COMMIT) plus Prisma's interactive-transaction machinery;
// for a 1 ms list query that overhead is most of the latency. Here the same four statements are
// written to one connection back to back (node-postgres pipeline mode) and PostgreSQL answers
// them in order, so the app pays one round trip — with both walls intact:
//   - RLS: `app.tenant_id` is set with set_config(…, true) inside the same (READ ONLY)
//     transaction as the query, exactly like $tenantTransaction; the runtime role is the
//     unprivileged app role (startup option), so the policies apply.
//   - the SQL itself filters tenant_id explicitly (the caller's job, as in lib/citizens/list.ts).
// Fail-closed: if BEGIN or set_config fails, PostgreSQL aborts (or runs without a tenant, which
// RLS answers with no rows) and the error is thrown; the connection is then discarded.
//
// Without DATABASE_URL (embedded PGlite, single connection) it falls back to $tenantTransaction.
// Results are node-postgres rows: timestamptz → Date, int4/float → number, int8/numeric →
// string (cast counts to ::int, as the list queries do).
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./index";
import { readPool } from "./read-pool";
import { TenantScopeError } from "./tenant-scope";
import { isUuid } from "@/lib/validation/uuid";

/**
 * The only settings a caller may set for its query: named one by one, never by pattern, since
 * "app.*" settings are what RLS trusts (app.tenant_id, app.user_id, and app.platform_audit,
 * which opens the platform audit rows), and role or search_path would change who runs the SQL.
 */
export const ALLOWED_QUERY_SETTINGS: ReadonlySet<string> = new Set([
  "pg_trgm.similarity_threshold",
  "pg_trgm.word_similarity_threshold",
]);

export type TenantQueryOptions = {
  /** Transaction-local settings for this query, e.g. `{ "pg_trgm.similarity_threshold": "0.3" }`. */
  settings?: Record<string, string>;
};

/**
 * Runs one read-only statement for `tenantId` through both walls, in one round trip.
 * `sql` must filter `tenant_id` itself (it is the first wall here; RLS is the second).
 */
export async function tenantQuery<T>(
  tenantId: string,
  sql: Prisma.Sql,
  options: TenantQueryOptions = {},
): Promise<T[]> {
  if (!isUuid(tenantId)) throw new TenantScopeError("tenantQuery() needs a valid tenantId");
  const settings = Object.entries(options.settings ?? {});
  for (const [name] of settings)
    if (!ALLOWED_QUERY_SETTINGS.has(name))
      throw new TenantScopeError(`tenantQuery(): setting "${name}" is not allowed`);

  const pool = readPool();
  if (!pool) {
    const db = await getDb();
    return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
      // Read-only like the pooled path (switching it on mid-transaction is allowed).
      await tx.$executeRawUnsafe("SET LOCAL transaction_read_only = on");
      for (const [name, value] of settings) await tx.$executeRaw`SELECT set_config(${name}, ${value}, true)`;
      return tx.$queryRaw<T[]>(sql);
    });
  }

  const setList = [
    "set_config('app.tenant_id', $1, true)",
    ...settings.map((_, i) => `set_config($${2 + i * 2}, $${3 + i * 2}, true)`),
  ].join(", ");
  const setValues = [tenantId, ...settings.flatMap(([name, value]) => [name, value])];
  const client = await pool.connect();
  let failure: unknown;
  try {
    // Pipelined: all four are written before the first answer arrives; PostgreSQL runs them in
    // order. Each promise is observed (allSettled) so no rejection goes unhandled.
    const [begin, set, query, commit] = await Promise.allSettled([
      client.query("BEGIN READ ONLY"),
      client.query(`SELECT ${setList}`, setValues),
      client.query<T & Record<string, unknown>>({ text: sql.text, values: sql.values }),
      client.query("COMMIT"),
    ]);
    for (const step of [begin, set, query, commit]) if (step.status === "rejected") throw (failure = step.reason);
    if (commit.status === "fulfilled" && commit.value.command !== "COMMIT")
      throw (failure = new Error(`tenantQuery: transaction ended with ${commit.value.command}`));
    return (query as PromiseFulfilledResult<{ rows: T[] }>).value.rows;
  } finally {
    // After any failure the connection's state is not worth trusting: drop it.
    client.release(failure instanceof Error ? failure : failure === undefined ? undefined : true);
  }
}

export { closeTenantReadPool } from "./read-pool";
