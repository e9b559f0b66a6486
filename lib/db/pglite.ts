// The embedded database: PostgreSQL compiled to WebAssembly (PGlite), stored on disk under
// PGLITE_DATA_DIR, so `npm run dev` works on a machine with nothing but Node.js. Same schema,
// migrations and row-level security as the real server. The app, the migration CLI and the
// tests all open PGlite through here so they load the same extensions (a data directory that
// used an extension can only be reopened with it loaded).
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** Extensions available to migrations (`CREATE EXTENSION pg_trgm`) on the embedded database. */
export const pgliteExtensions = { pg_trgm };

/** "memory://" keeps the database in memory (tests); anything else is a directory. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir: inMemory ? undefined : dataDir, extensions: pgliteExtensions });
}

/**
 * PGlite has a single superuser, and superusers ignore row-level security. Switching the
 * session to the unprivileged application role makes the same policies apply as on the
 * real server. Migrations run before this, as the owner. The role name is validated by the
 * configuration schema (lower-case identifier), so it is safe to interpolate.
 */
export async function switchToAppRole(pglite: PGlite, role: string): Promise<void> {
  await pglite.exec(`SET ROLE ${role}`);
}
