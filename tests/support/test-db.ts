// Opens the database an integration test file runs against, through the same code the app
// uses (lib/db/connect.ts), plus the privileged handles the isolation suite needs to prove
// each wall on its own.
import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { connectPglite, connectPostgres, type DatabaseHandle } from "../../lib/db/connect";
import { createDb, type Db } from "../../lib/db/tenant-extension";
import type { MigrationRunner } from "../../lib/db/migrations/runner";
import { createPgRunner } from "../../lib/db/migrations/pg-runner";
import { createPgliteRunner } from "../../lib/db/migrations/pglite-runner";

export const APP_ROLE = "civitas_app";

export type TestDatabase = DatabaseHandle & {
  /**
   * Runs `fn` with a client whose connection bypasses row-level security (the owning
   * superuser), so only the Prisma extension stands between tenants.
   */
  withRlsBypassed<T>(fn: (db: Db, base: PrismaClient) => Promise<T>): Promise<T>;
  /** Raw SQL as the owner (DDL, fixtures, sabotage inside a rolled-back transaction). */
  withOwnerSql<T>(fn: (sql: MigrationRunner) => Promise<T>): Promise<T>;
};

const settings = { DATABASE_APP_ROLE: APP_ROLE, DATABASE_POOL_SIZE: 4, PGLITE_DATA_DIR: "memory://" };

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const handle = connectPostgres({ ...settings, DATABASE_URL: url });
    const ownerBase = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
    const ownerDb = createDb(ownerBase);
    return {
      ...handle,
      withRlsBypassed: (fn) => fn(ownerDb, ownerBase),
      async withOwnerSql(fn) {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          return await fn(createPgRunner(client));
        } finally {
          await client.end();
        }
      },
      async close() {
        await ownerBase.$disconnect();
        await handle.close();
      },
    };
  }
  const handle = await connectPglite({ ...settings, DATABASE_URL: undefined });
  const pglite = handle.pglite!;
  // PGlite is one session: become the owner for the length of `fn`, then the app role again.
  // Re-entrant: a nested call must not hand the session back to the app role early.
  let ownerDepth = 0;
  const asOwner = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (ownerDepth++ === 0) await pglite.exec("RESET ROLE");
    try {
      return await fn();
    } finally {
      if (--ownerDepth === 0) await pglite.exec(`SET ROLE ${APP_ROLE}`);
    }
  };
  return {
    ...handle,
    withRlsBypassed: (fn) => asOwner(() => fn(handle.db, handle.base)),
    withOwnerSql: (fn) => asOwner(() => fn(createPgliteRunner(pglite))),
  };
}

/**
 * Owner-level raw SQL on the same database as `handle` (the app's own, from getDatabase()):
 * a separate owner connection on PostgreSQL; on PGlite (one session) the role is reset for
 * the length of `fn`. For tests that play an attacker with database access.
 */
export function ownerSqlFor(handle: DatabaseHandle): <T>(fn: (sql: MigrationRunner) => Promise<T>) => Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) {
    return async (fn) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await fn(createPgRunner(client));
      } finally {
        await client.end();
      }
    };
  }
  const pglite = handle.pglite!;
  return async (fn) => {
    await pglite.exec("RESET ROLE");
    try {
      return await fn(createPgliteRunner(pglite));
    } finally {
      await pglite.exec(`SET ROLE ${APP_ROLE}`);
    }
  };
}

let counter = 0;
/** A unique slug per test run, so tests never collide on a shared PostgreSQL database. */
export function uniqueSlug(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
