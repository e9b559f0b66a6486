// Opens the embedded PostgreSQL (PGlite). Extensions must be loaded when the instance is
// created, and a data directory that used one can only be reopened with it loaded, so the
// app (lib/db/pglite.ts) and the migration CLI both open PGlite through here.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

/** Extensions available to migrations (`CREATE EXTENSION pg_trgm`) on the embedded database. */
export const pgliteExtensions = { pg_trgm, unaccent };

export const DEFAULT_PGLITE_DATA_DIR = "./.data/pglite";

/** Opens (creating if needed) a PGlite database; no `dataDir` means in-memory. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: pgliteExtensions });
}
