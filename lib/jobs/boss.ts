// This process's pg-boss instance. PostgreSQL: pg-boss's own small pool, connecting as the app
// role (`-c role=…`, like the application's pool) into the `pgboss` schema that role owns
// (prisma/migrations/…_pgboss_schema), with LISTEN/NOTIFY for 5–10 ms pickup. The embedded
// database: in-process on the one PGlite connection (`backend: "pglite"`, ~41 ms pickup),
// never through a socket server that multiplexes clients onto one session (pg-boss silently
// stops picking up jobs there).
import { fromPglite, PgBoss } from "pg-boss";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db";
import { logger } from "@/lib/log/logger";

const g = globalThis as unknown as { civitasBoss?: Promise<PgBoss> };

async function open(): Promise<PgBoss> {
  const config = getConfig();
  const handle = await getDatabase();
  // createSchema false: the schema exists (our migration); CREATE SCHEMA IF NOT EXISTS would still
  // need the CREATE right on the database, which the app role does not have.
  const common = { schema: "pgboss", migrate: true, createSchema: false, useListenNotify: true } as const;
  const boss = handle.pglite
    ? new PgBoss({ ...common, db: fromPglite(handle.pglite), backend: "pglite" })
    : new PgBoss({
        ...common,
        connectionString: config.DATABASE_URL!,
        options: `-c role=${config.DATABASE_APP_ROLE}`,
        max: 4,
        application_name: "civitas-jobs",
      });
  boss.on("error", (err) => logger.error({ err, event: "jobs.error" }, "job queue error"));
  boss.on("warning", (w) => logger.warn({ event: "jobs.warning", warning: w }, "job queue warning"));
  await boss.start();
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  g.civitasBoss ??= open().catch((err) => {
    g.civitasBoss = undefined;
    throw err;
  });
  return g.civitasBoss;
}

/** Stops workers (waiting up to `timeoutMs` for running handlers) and closes the pool. */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const boss = await g.civitasBoss?.catch(() => undefined);
  g.civitasBoss = undefined;
  await boss?.stop({ graceful: true, timeout: timeoutMs, close: true });
}
