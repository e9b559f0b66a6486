// Read-only view of where a database stands against the migrations directory.
import { classifyMigrations, type MigrationStatus } from "./classify";
import { readHistory } from "./history-table";
import { listMigrationFiles } from "./migration-files";
import type { MigrationRunner } from "./runner";

export type { MigrationStatus } from "./classify";

export async function migrationStatus(
  runner: MigrationRunner,
  options: { migrationsDir?: string } = {},
): Promise<MigrationStatus> {
  const files = await listMigrationFiles(options.migrationsDir);
  return classifyMigrations(files, await readHistory(runner));
}
