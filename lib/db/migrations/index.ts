// Runtime-safe entry point (app start-up, readiness, tests, CLI). The schema-engine side
// (create-migration.ts and what it imports) is deliberately not re-exported here so the app
// bundle never pulls in the 5 MB WASM engine.
import { listMigrationFiles } from "./migration-files";

export { applyMigrations, type ApplyMigrationsOptions } from "./apply-migrations";
export { migrationStatus, type MigrationStatus } from "./migration-status";
export { MigrationError, MigrationHistoryError } from "./migration-errors";
export { listMigrationFiles, defaultMigrationsDir, type MigrationFile } from "./migration-files";
export { createPgRunner, withPgPoolRunner } from "./pg-runner";
export { createPgliteRunner } from "./pglite-runner";
export type { MigrationRunner } from "./runner";

/** Names of the migrations in the directory, in apply order (what "fully migrated" means). */
export async function expectedMigrationNames(migrationsDir?: string): Promise<string[]> {
  return (await listMigrationFiles(migrationsDir)).map((file) => file.name);
}
