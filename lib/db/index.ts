// The application's database, opened once per process. `await getDb()` anywhere on the
// server; the first call connects (and, for the embedded database, migrates and seeds).
import { getConfig } from "@/lib/config";
import { runAsSystem } from "@/lib/context/request-context";
import { logger } from "@/lib/log/logger";
import { connectPglite, connectPostgres, migratePostgres, type DatabaseHandle } from "./connect";
import { checkLoginRole, LOGIN_ROLE_SQL, type LoginRole } from "./login-role";
import { closeTenantReadPool } from "./read-pool";
import type { Db } from "./tenant-extension";

// Kept on globalThis: Next.js may evaluate this module in more than one bundle layer and hot
// reload re-evaluates it; a second PGlite on the same directory would corrupt it.
const g = globalThis as unknown as { civitasDatabase?: Promise<DatabaseHandle> };

async function open(): Promise<DatabaseHandle> {
  const config = getConfig();
  if (config.DATABASE_URL) {
    const migrateOnStart = config.DATABASE_MIGRATE_ON_START ?? config.NODE_ENV !== "production";
    const fresh = migrateOnStart ? await migratePostgres(config.DATABASE_URL) : false;
    const handle = connectPostgres({ ...config, DATABASE_URL: config.DATABASE_URL });
    await closeOnFailure(handle, () => checkLogin(handle, config));
    await closeOnFailure(handle, () => checkKeysBeforeWriting(handle));
    if (fresh && config.SEED_DEMO_ON_FIRST_START) await seedFirstStart(handle);
    return handle;
  }
  const handle = await connectPglite(config);
  logger.info({ dataDir: config.PGLITE_DATA_DIR, created: handle.created }, "embedded database ready");
  await closeOnFailure(handle, () => checkKeysBeforeWriting(handle));
  if (handle.created && config.SEED_DEMO_ON_FIRST_START) await seedFirstStart(handle);
  return handle;
}

// The configured keys must read every stored value before this process writes one (the seed
// included); a mismatch throws KeyCheckError, which start-up turns into a stop with the report.
// Skipped under NODE_ENV=test: integration files share one PostgreSQL database and deliberately
// write under different keys (the rotation tests); tests/integration/key-check.test.ts runs the
// check on databases of its own.
async function checkKeysBeforeWriting(handle: DatabaseHandle): Promise<void> {
  if (getConfig().NODE_ENV === "test") return;
  const { enforceKeyCheck } = await import("@/lib/crypto/key-check");
  await enforceKeyCheck(handle.db);
}

/**
 * Production refuses a login that could lift row-level security with SET ROLE NONE; development
 * warns once (lib/db/login-role.ts). The embedded database has one (superuser) login by nature:
 * it is the zero-setup default, not a production set-up, so it is left alone.
 */
async function checkLogin(handle: DatabaseHandle, config: ReturnType<typeof getConfig>): Promise<void> {
  const [role] = await handle.base.$queryRawUnsafe<LoginRole[]>(LOGIN_ROLE_SQL);
  checkLoginRole(role!, config, (message) => logger.warn({ login: role!.name }, message));
}

/** A start-up check that fails closes the handle it opened: nothing is left connected. */
async function closeOnFailure(handle: DatabaseHandle, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (err) {
    await handle.close();
    throw err;
  }
}

async function seedFirstStart(handle: DatabaseHandle): Promise<void> {
  const { seedDemo } = await import("./seed/demo");
  const summary = await runAsSystem("seed", () => seedDemo(handle.db));
  logger.info(summary, "seeded demo tenant on first start");
}

/** Closing the database also closes the one-round-trip read pool (lib/db/read-pool.ts). */
function withReadPoolClose(handle: DatabaseHandle): DatabaseHandle {
  const close = handle.close.bind(handle);
  return {
    ...handle,
    async close() {
      await closeTenantReadPool();
      await close();
    },
  };
}

export function getDatabase(): Promise<DatabaseHandle> {
  g.civitasDatabase ??= open()
    .then(withReadPoolClose)
    .catch((err) => {
      g.civitasDatabase = undefined; // let the next request try again
      throw err;
    });
  return g.civitasDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export type { Db, TenantDb } from "./tenant-extension";
