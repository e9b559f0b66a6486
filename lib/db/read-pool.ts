// The node-postgres pool behind the one-round-trip reads (lib/db/tenant-read.ts), in its own
// module so that lib/db/index.ts can close it without importing tenant-read.ts, which itself
// needs getDb() from index.ts for the embedded-database fallback (no import cycle).
import { Pool } from "pg";
import { getConfig } from "@/lib/config";

// One pool per process (kept on globalThis for the same reason as lib/db/index.ts). null: PGlite.
const g = globalThis as unknown as { civitasTenantReadPool?: Pool | null };

/** The read pool, or null without DATABASE_URL (the embedded database has one connection). */
export function readPool(): Pool | null {
  if (g.civitasTenantReadPool !== undefined) return g.civitasTenantReadPool;
  const config = getConfig();
  if (!config.DATABASE_URL) return (g.civitasTenantReadPool = null);
  const pool = new Pool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    // Same as the Prisma pool (lib/db/connect.ts): every connection is the app role.
    options: `-c role=${config.DATABASE_APP_ROLE}`,
    connectionTimeoutMillis: 10_000,
    pipeline: true,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  return (g.civitasTenantReadPool = pool);
}

/** Closes the read pool (scripts and tests; the app keeps it for the life of the process). */
export async function closeTenantReadPool(): Promise<void> {
  const pool = g.civitasTenantReadPool;
  g.civitasTenantReadPool = undefined;
  if (pool) await pool.end();
}
