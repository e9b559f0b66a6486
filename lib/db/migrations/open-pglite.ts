// Opens the embedded PostgreSQL (PGlite). Extensions must be loaded when the instance is
// created, and a data directory that used one can only be reopened with it loaded, so the
// app (lib/db/pglite.ts) and the migration CLI both open PGlite through here, and this is the
// one place that locks a data directory to its process (data-dir-lock.ts).
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { lockDataDir } from "./data-dir-lock";

/** Extensions available to migrations (`CREATE EXTENSION pg_trgm`) on the embedded database. */
export const pgliteExtensions = { fuzzystrmatch, pg_trgm, unaccent };

export const DEFAULT_PGLITE_DATA_DIR = "./.data/pglite";

/**
 * Opens (creating if needed) a PGlite database; no `dataDir` (or "memory://…") means in-memory.
 * A directory is locked to this process until `close()` or exit: a second process gets a
 * DataDirLockedError naming the one that holds it.
 */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  if (!dataDir || dataDir.startsWith("memory://")) return PGlite.create({ extensions: pgliteExtensions });
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir, extensions: pgliteExtensions });
  } catch (error) {
    lock.release();
    throw error;
  }
  // Every caller closes through db.close(), so that is where the lock goes too.
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      lock.release();
    }
  };
  return db;
}
