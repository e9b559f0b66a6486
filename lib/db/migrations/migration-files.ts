// Reads prisma/migrations: one directory per migration holding migration.sql, applied in
// name order (names start with a UTC timestamp). Same layout as Prisma Migrate.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { migrationChecksum } from "./checksum";

export interface MigrationFile {
  /** Directory name, e.g. `20250101120000_init`; this is `migration_name` in the history. */
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATION_SCRIPT = "migration.sql";

/** Default location, relative to the project root the process runs from. */
export function defaultMigrationsDir(): string {
  // The hint stops Next.js from tracing the whole project because of this runtime path.
  return path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
}

/** Orders migration names the way Prisma does: plain code-unit order, not locale order. */
export function sortMigrationNames(names: string[]): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Lists migrations in apply order; an absent directory means "no migrations yet". */
export async function listMigrationFiles(migrationsDir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // Dot-directories are editor/OS litter, not migrations; files (migration_lock.toml) are skipped.
  const names = sortMigrationNames(
    entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name),
  );
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, MIGRATION_SCRIPT);
      let sql: string;
      try {
        sql = await readFile(file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          throw new Error(
            `Migration directory ${name} has no ${MIGRATION_SCRIPT} (${file}). Add the script or remove the directory.`,
          );
        }
        throw error;
      }
      return { name, sql, checksum: migrationChecksum(sql) };
    }),
  );
}
