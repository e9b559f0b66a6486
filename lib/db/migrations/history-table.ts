// Prisma Migrate's bookkeeping table, column for column, so `prisma migrate status` and
// friends read our history and we read theirs. The table lives in the session's current
// schema (search_path), as Prisma's does.
import type { MigrationRunner } from "./runner";

export const HISTORY_TABLE = "_prisma_migrations";

export const CREATE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "${HISTORY_TABLE}" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface HistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/** Whether the history table exists: false for a database that was never migrated. */
export async function historyTableExists(runner: MigrationRunner): Promise<boolean> {
  const [exists] = await runner.query<{ present: boolean }>(
    `SELECT to_regclass('"${HISTORY_TABLE}"') IS NOT NULL AS present`,
  );
  return !!exists?.present;
}

/** All history rows in start order; none when the table does not exist yet (fresh database). */
export async function readHistory(runner: MigrationRunner): Promise<HistoryRow[]> {
  if (!(await historyTableExists(runner))) return [];
  return runner.query<HistoryRow>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs
       FROM "${HISTORY_TABLE}" ORDER BY started_at, migration_name`,
  );
}

/** Opens a history row; call inside the migration's transaction, before its script. */
export async function insertStartedRow(
  runner: MigrationRunner,
  id: string,
  name: string,
  checksum: string,
): Promise<void> {
  await runner.query(
    `INSERT INTO "${HISTORY_TABLE}" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, clock_timestamp(), 0)`,
    [id, checksum, name],
  );
}

/** Marks the row finished. Prisma counts a whole SQL script as one step. */
export async function markFinished(runner: MigrationRunner, id: string): Promise<void> {
  await runner.query(
    `UPDATE "${HISTORY_TABLE}" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
    [id],
  );
}
