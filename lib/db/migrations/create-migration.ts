// The offline `migrate dev` flow: replay the migrations directory into a throw-away shadow
// database, ask the schema engine what schema.prisma still needs, and write that as a new
// migration. Applying it to the real database is the caller's next step (applyMigrations).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations } from "./apply-migrations";
import { listMigrationFiles } from "./migration-files";
import { MigrationError } from "./migration-errors";
import { migrationDirectoryName, writeMigration } from "./migration-writer";
import { diffDatabaseToSchema } from "./schema-diff";
import { withShadowDatabase, type ShadowTarget } from "./shadow-database";

export interface CreateMigrationOptions {
  name: string;
  schemaPath: string;
  migrationsDir: string;
  shadow: ShadowTarget;
  now?: Date;
  log?: (message: string) => void;
}

export const IN_SYNC_MESSAGE = "Already in sync, no migration created";

/** Returns the new migration's directory name, or null when the schema needs nothing. */
export async function createMigration(options: CreateMigrationOptions): Promise<string | null> {
  const log = options.log ?? (() => {});
  const directoryName = migrationDirectoryName(options.name, options.now ?? new Date()); // validates the name first
  const schemaFiles = [{ path: options.schemaPath, content: await readFile(options.schemaPath, "utf8") }];
  const script = await withShadowDatabase(options.shadow, async (shadow) => {
    await applyMigrations(shadow.runner, { migrationsDir: options.migrationsDir });
    return diffDatabaseToSchema(shadow.engineAdapter, schemaFiles, engineLogTo(log));
  });

  if (script === null) {
    log(IN_SYNC_MESSAGE);
    return null;
  }
  const last = (await listMigrationFiles(options.migrationsDir)).at(-1)?.name;
  if (last !== undefined && directoryName <= last) {
    throw new MigrationError(
      `New migration ${directoryName} would sort before the latest one (${last}); check the system clock.`,
    );
  }
  const file = await writeMigration(options.migrationsDir, directoryName, script);
  log(`Created ${path.relative(process.cwd(), file)}`);
  return directoryName;
}

/** The engine logs JSON lines; only warnings and errors are worth a human's attention. */
function engineLogTo(log: (message: string) => void) {
  return (line: string) => {
    try {
      const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
      if (entry.level === "WARN" || entry.level === "ERROR") log(`schema engine: ${entry.fields?.message ?? line}`);
    } catch {
      log(`schema engine: ${line}`);
    }
  };
}
