// Throw-away databases that replay the migrations directory, so the schema engine can diff
// "what the migrations build" against "what schema.prisma wants". We replay with our own
// applier (not the engine's) so hand-written SQL — DO blocks, roles, RLS policies, grants —
// runs exactly as it will in production.
import { randomBytes } from "node:crypto";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { pgEngineAdapterFactory } from "./engine-adapter-pg";
import { pgliteEngineAdapterFactory } from "./engine-adapter-pglite";
import { MigrationError } from "./migration-errors";
import { openPglite } from "./open-pglite";
import { pgClientConfig, type PgConnectionFields } from "./pg-connection";
import { createPgliteRunner } from "./pglite-runner";
import { createPgRunner } from "./pg-runner";
import type { MigrationRunner } from "./runner";

export interface ShadowDatabase {
  runner: MigrationRunner;
  engineAdapter: SqlMigrationAwareDriverAdapterFactory;
}

export type ShadowTarget = { kind: "postgres"; connection: PgConnectionFields } | { kind: "pglite" };

export function withShadowDatabase<T>(target: ShadowTarget, fn: (shadow: ShadowDatabase) => Promise<T>): Promise<T> {
  return target.kind === "postgres" ? withPgShadowDatabase(target.connection, fn) : withPgliteShadowDatabase(fn);
}

/** A `civitas_shadow_<random>` database on the same server, dropped afterwards whatever happens. */
export async function withPgShadowDatabase<T>(
  connection: PgConnectionFields,
  fn: (shadow: ShadowDatabase) => Promise<T>,
): Promise<T> {
  const name = `civitas_shadow_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(pgClientConfig(connection));
  await admin.connect();
  try {
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      throw new MigrationError(
        `Could not create the shadow database ${name} on ${connection.host}:${connection.port} as ${connection.user}: ` +
          `${(error as Error).message}. The DATABASE_URL user needs CREATEDB for \`dev\`.`,
        { cause: error },
      );
    }
    let failed = false;
    try {
      // Separate fields, not a URL: a connection string would override `database`.
      const pool = new pg.Pool({ ...pgClientConfig(connection, name), max: 2 });
      const client = await pool.connect();
      try {
        return await fn({ runner: createPgRunner(client), engineAdapter: pgEngineAdapterFactory(pool) });
      } finally {
        client.release();
        await pool.end(); // close every connection before the DROP below
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((error: Error) => {
        const message = `Could not drop the shadow database ${name}; drop it by hand: ${error.message}`;
        if (!failed) throw new MigrationError(message, { cause: error });
        console.warn(message); // keep the error that made the run fail
      });
    }
  } finally {
    await admin.end();
  }
}

/** An in-memory PGlite, for `dev` without any PostgreSQL server. */
export async function withPgliteShadowDatabase<T>(fn: (shadow: ShadowDatabase) => Promise<T>): Promise<T> {
  const db = await openPglite(); // in memory, same extensions as the embedded database
  try {
    return await fn({ runner: createPgliteRunner(db), engineAdapter: pgliteEngineAdapterFactory(db) });
  } finally {
    await db.close();
  }
}
