// Opens the database the configuration asks for: PostgreSQL through @prisma/adapter-pg when
// DATABASE_URL is set, otherwise the embedded PGlite database. Either way the application
// talks to it as the unprivileged app role, so row-level security always applies.
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Config } from "@/lib/config";
import { openPglite, switchToAppRole } from "./pglite";
import { createDb, type Db } from "./tenant-extension";
import { applyMigrations } from "./migrations/apply-migrations";
import { createPgliteRunner } from "./migrations/pglite-runner";
import { createPgRunner } from "./migrations/pg-runner";
import { historyTableExists } from "./migrations/history-table";
import type { MigrationRunner } from "./migrations/runner";
import { noteDatabaseDown } from "./availability";

export type DatabaseHandle = {
  kind: "postgres" | "pglite";
  /** The guarded, tenant-aware client the application uses. */
  db: Db;
  /** The plain Prisma client underneath (no tenant guard). Tests and platform tooling only. */
  base: PrismaClient;
  /** Set for the embedded database. */
  pglite?: PGlite;
  close(): Promise<void>;
};

type DbSettings = Pick<Config, "DATABASE_URL" | "DATABASE_APP_ROLE" | "DATABASE_POOL_SIZE" | "PGLITE_DATA_DIR">;

export function connectPostgres(settings: DbSettings & { DATABASE_URL: string }): DatabaseHandle {
  const adapter = new PrismaPg(
    {
      connectionString: settings.DATABASE_URL,
      max: settings.DATABASE_POOL_SIZE,
      // Every pooled connection starts as the app role, even when the URL names the owner.
      options: `-c role=${settings.DATABASE_APP_ROLE}`,
      connectionTimeoutMillis: 10_000,
    },
    {
      // A connection the server drops (a restart terminates them all) marks the database down,
      // so the next request is answered 503 by middleware.ts instead of failing half-way.
      onPoolError: noteDatabaseDown,
      onConnectionError: noteDatabaseDown,
    },
  );
  const base = new PrismaClient({ adapter });
  return { kind: "postgres", base, db: createDb(base), close: () => base.$disconnect() };
}

/**
 * Applies pending migrations as the URL's own user (the schema owner; the app role cannot run
 * DDL). Returns true when the database had never been migrated, so the caller may seed it.
 */
export async function migratePostgres(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await migrateAndTellIfNew(createPgRunner(client));
  } finally {
    await client.end();
  }
}

/**
 * Opens (creating if needed) the embedded database, applies pending migrations as the owner,
 * then drops to the app role for everything else. Returns whether the database was new, so
 * the caller can seed it.
 */
export async function connectPglite(settings: DbSettings): Promise<DatabaseHandle & { created: boolean }> {
  const pglite = await openPglite(settings.PGLITE_DATA_DIR);
  let created: boolean;
  try {
    created = await migrateAndTellIfNew(createPgliteRunner(pglite));
    await switchToAppRole(pglite, settings.DATABASE_APP_ROLE);
  } catch (error) {
    // Close (and unlock) it, so the next request's retry opens it afresh instead of finding
    // the directory held by this very process.
    await pglite.close().catch(() => undefined);
    throw error;
  }
  const base = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    base,
    db: createDb(base),
    pglite,
    created,
    close: async () => {
      await base.$disconnect();
      await pglite.close();
    },
  };
}

/** Applies pending migrations; true when the database had never been migrated before. */
async function migrateAndTellIfNew(runner: MigrationRunner): Promise<boolean> {
  const wasEmpty = !(await historyTableExists(runner));
  const { applied } = await applyMigrations(runner);
  return wasEmpty && applied.length > 0;
}
