// Offline migrations for Civitas (Prisma 7's CLI would download a native engine):
//   deploy              apply pending migrations            npm run db:migrate
//   dev --name <name>   create a migration, then apply it   npm run db:migrate:dev -- --name <name>
//       [--create-only] write the migration without applying it
//   common options: --dir <migrations dir> (default prisma/migrations), --schema <file>
//   status              applied / pending / modified / failed; exits 1 unless up to date
// Target: DATABASE_URL (PostgreSQL) or, when unset, the embedded PGlite in PGLITE_DATA_DIR.
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrations/apply-migrations";
import { createMigration } from "../../lib/db/migrations/create-migration";
import { assertHealthyHistory } from "../../lib/db/migrations/migration-errors";
import { defaultMigrationsDir } from "../../lib/db/migrations/migration-files";
import { migrationStatus, type MigrationStatus } from "../../lib/db/migrations/migration-status";
import { DEFAULT_PGLITE_DATA_DIR, openPglite } from "../../lib/db/migrations/open-pglite";
import { pgClientConfig, pgConnectionFromUrl, type PgConnectionFields } from "../../lib/db/migrations/pg-connection";
import { createPgliteRunner } from "../../lib/db/migrations/pglite-runner";
import { createPgRunner } from "../../lib/db/migrations/pg-runner";
import type { MigrationRunner } from "../../lib/db/migrations/runner";
import type { ShadowTarget } from "../../lib/db/migrations/shadow-database";

const USAGE = "Usage: tsx scripts/db/migrate.ts <deploy | dev --name <name> [--create-only] | status>";
const DEFAULT_SCHEMA_PATH = path.join("prisma", "schema.prisma");

interface Target {
  label: string;
  runner: MigrationRunner;
  shadow: ShadowTarget;
  close(): Promise<void>;
}

async function openTarget(): Promise<Target> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const connection: PgConnectionFields = pgConnectionFromUrl(url);
    const client = new pg.Client(pgClientConfig(connection));
    await client.connect().catch((error: Error) => {
      throw new Error(
        `Cannot connect to PostgreSQL at ${connection.host}:${connection.port}/${connection.database} (from DATABASE_URL): ${error.message}`,
      );
    });
    return {
      label: `PostgreSQL ${connection.host}:${connection.port}/${connection.database}`,
      runner: createPgRunner(client),
      shadow: { kind: "postgres", connection },
      close: () => client.end(),
    };
  }
  const dataDir = process.env.PGLITE_DATA_DIR || DEFAULT_PGLITE_DATA_DIR;
  const db = await openPglite(dataDir);
  return {
    label: `embedded PGlite ${dataDir}`,
    runner: createPgliteRunner(db),
    shadow: { kind: "pglite" },
    close: () => db.close(),
  };
}

async function deploy(target: Target, migrationsDir: string): Promise<number> {
  const { applied } = await applyMigrations(target.runner, {
    migrationsDir,
    onApply: (name) => console.log(`Applying ${name}`),
  });
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "No pending migrations.");
  return 0;
}

interface DevOptions {
  name: string;
  schemaPath: string;
  createOnly: boolean;
}

async function dev(target: Target, migrationsDir: string, options: DevOptions): Promise<number> {
  const { name, schemaPath, createOnly } = options;
  // Like `prisma migrate dev`, stop before writing anything if the database's history is broken.
  assertHealthyHistory(await migrationStatus(target.runner, { migrationsDir }));
  await createMigration({ name, schemaPath, migrationsDir, shadow: target.shadow, log: (line) => console.log(line) });
  if (createOnly) return 0;
  return deploy(target, migrationsDir);
}

async function status(target: Target, migrationsDir: string): Promise<number> {
  const result: MigrationStatus = await migrationStatus(target.runner, { migrationsDir });
  const section = (title: string, names: string[]) =>
    names.length && console.log(`${title}:\n${names.map((n) => `  ${n}`).join("\n")}`);
  section("Applied", result.applied);
  section("Pending", result.pending);
  section("Modified after being applied (checksum mismatch)", result.modified);
  section("Failed", result.failed);
  section("Applied but missing from prisma/migrations", result.missing);
  const upToDate = !result.pending.length && !result.modified.length && !result.failed.length;
  console.log(upToDate ? "Database schema is up to date." : "Database schema is NOT up to date.");
  return upToDate ? 0 : 1;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      "create-only": { type: "boolean", default: false },
      dir: { type: "string" },
      schema: { type: "string" },
    },
  });
  const [command, ...extra] = positionals;
  if (!command || extra.length || !["deploy", "dev", "status"].includes(command)) throw new Error(USAGE);
  const migrationsDir = values.dir ? path.resolve(values.dir) : defaultMigrationsDir();
  const devOptions: DevOptions | undefined =
    command === "dev"
      ? {
          name: values.name ?? "",
          schemaPath: values.schema ?? DEFAULT_SCHEMA_PATH,
          createOnly: values["create-only"] ?? false,
        }
      : undefined;
  // Checked before connecting, so a typo costs nothing.
  if (devOptions && !devOptions.name)
    throw new Error("dev needs a migration name: npm run db:migrate:dev -- --name <name>");

  const target = await openTarget();
  try {
    console.log(`Database: ${target.label}`);
    if (command === "deploy") return await deploy(target, migrationsDir);
    if (devOptions) return await dev(target, migrationsDir, devOptions);
    return await status(target, migrationsDir);
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
    process.exit(1);
  },
);
