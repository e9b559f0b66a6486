// Applies pending migrations. Used by `npm run db:migrate`, by the app when it opens the
// embedded database, and by integration tests. Each migration runs in one transaction
// together with its _prisma_migrations row, so a failure leaves neither schema changes nor
// a "failed" record behind: fix the script and run again.
//
// Scripts must therefore be transactional: no CREATE INDEX CONCURRENTLY, no COMMIT inside.
import { randomUUID } from "node:crypto";
import { classifyMigrations } from "./classify";
import { CREATE_HISTORY_TABLE, insertStartedRow, markFinished, readHistory } from "./history-table";
import { MigrationError, assertHealthyHistory } from "./migration-errors";
import { listMigrationFiles, type MigrationFile } from "./migration-files";
import { withMigrationLock } from "./migration-lock";
import type { MigrationRunner } from "./runner";

export interface ApplyMigrationsOptions {
  /** Defaults to ./prisma/migrations under the working directory. */
  migrationsDir?: string;
  /** Called once per migration about to be applied. */
  onApply?: (name: string) => void;
}

export async function applyMigrations(
  runner: MigrationRunner,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const files = await listMigrationFiles(options.migrationsDir);
  return withMigrationLock(runner, async () => {
    // Read the history only once the lock is held: whoever waited sees the other run's work.
    await runner.exec(CREATE_HISTORY_TABLE);
    const status = classifyMigrations(files, await readHistory(runner));
    assertHealthyHistory(status);

    const byName = new Map(files.map((file) => [file.name, file]));
    const applied: string[] = [];
    for (const name of status.pending) {
      options.onApply?.(name);
      await applyOne(runner, byName.get(name)!);
      applied.push(name);
    }
    await runMaintenance(runner);
    return { applied };
  });
}

/**
 * Schema upkeep that belongs to every deploy rather than to one migration: the audit log's
 * monthly partitions are created twelve months ahead (a no-op when they exist). Skipped on a
 * database whose migrations do not define the function yet (the shadow database mid-replay).
 */
async function runMaintenance(runner: MigrationRunner): Promise<void> {
  const [fn] = await runner.query<{ exists: boolean }>(
    `SELECT to_regproc('audit_ensure_partitions') IS NOT NULL AS exists`,
  );
  if (fn?.exists) await runner.query(`SELECT audit_ensure_partitions(12)`);
}

async function applyOne(runner: MigrationRunner, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await runner.exec("BEGIN");
  try {
    await insertStartedRow(runner, id, migration.name, migration.checksum);
    await runner.exec(migration.sql);
    await markFinished(runner, id);
    await runner.exec("COMMIT");
  } catch (error) {
    await runner.exec("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}
