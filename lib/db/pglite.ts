// The embedded database: PostgreSQL compiled to WebAssembly (PGlite), stored on disk under
// PGLITE_DATA_DIR, so `npm run dev` works on a machine with nothing but Node.js. Same schema,
// migrations and row-level security as the real server.
import type { PGlite } from "@electric-sql/pglite";
import { openPglite as openPgliteWithExtensions } from "./migrations/open-pglite";

/**
 * "memory://" keeps the database in memory (tests); anything else is a directory, locked to
 * this process while open (a second process stops with a message naming the holder).
 */
export function openPglite(dataDir: string): Promise<PGlite> {
  return openPgliteWithExtensions(dataDir);
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
