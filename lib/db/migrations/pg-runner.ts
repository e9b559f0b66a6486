// MigrationRunner over one node-postgres connection (a pg.Client or a client checked out of
// a pg.Pool; never the Pool itself, whose queries may land on different sessions).
import type { ClientBase, Pool } from "pg";
import type { MigrationRunner } from "./runner";

export function createPgRunner(client: ClientBase): MigrationRunner {
  return {
    async exec(sql) {
      // No parameters → pg uses the simple-query protocol, which accepts a whole script in
      // one round trip (unlike splitting on ";", which breaks DO $$ … $$ bodies).
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
  };
}

/** Checks a client out of `pool`, runs `fn` with a runner on it, and always releases it. */
export async function withPgPoolRunner<T>(pool: Pool, fn: (runner: MigrationRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(createPgRunner(client));
  } finally {
    client.release();
  }
}
