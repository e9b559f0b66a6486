// Readiness: the database answers and every migration in prisma/migrations is applied.
// A load balancer keeps an instance out of rotation until this says ready.
import "server-only";
import { getDatabase } from "@/lib/db";
import { expectedMigrationNames } from "@/lib/db/migrations";
import { logger } from "@/lib/log/logger";

export type Readiness = {
  ready: boolean;
  database: { ok: boolean; kind?: "postgres" | "pglite"; latencyMs?: number; error?: string };
  migrations: { ok: boolean; pending: string[] };
};

export async function checkReadiness(): Promise<Readiness> {
  const started = performance.now();
  try {
    const { base, kind } = await getDatabase();
    const rows = await base.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const latencyMs = Math.round(performance.now() - started);
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = (await expectedMigrationNames()).filter((name) => !applied.has(name));
    return {
      ready: pending.length === 0,
      database: { ok: true, kind, latencyMs },
      migrations: { ok: pending.length === 0, pending },
    };
  } catch (err) {
    logger.warn({ err }, "readiness check failed");
    // The message stays generic: readiness is public, connection details are not.
    return {
      ready: false,
      database: { ok: false, error: "database unreachable or not migrated" },
      migrations: { ok: false, pending: [] },
    };
  }
}
