// The only thing the migration code needs from a database: run a script, run a query.
// Two implementations (pg-runner.ts, pglite-runner.ts) let one applier serve PostgreSQL and
// the embedded PGlite alike. A runner is ONE session: the advisory lock and BEGIN/COMMIT
// around each migration must all happen on the same connection.
export interface MigrationRunner {
  /** Runs a whole script at once (multi-statement, DO $$ … $$ blocks), no parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}
