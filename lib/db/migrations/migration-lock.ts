// Mutual exclusion for migration runs. Across processes (app instances starting together,
// a deploy racing a start-up) a session-level PostgreSQL advisory lock; within a process an
// in-memory queue per runner, because advisory locks are re-entrant in one session and PGlite
// has a single session shared by every caller.
import type { MigrationRunner } from "./runner";

/** The key Prisma Migrate itself locks, so our runs also exclude Prisma's own tooling. */
export const MIGRATION_ADVISORY_LOCK_KEY = 72707369;

const queues = new WeakMap<MigrationRunner, Promise<unknown>>();

function serialise<T>(runner: MigrationRunner, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(runner) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  queues.set(
    runner,
    next.catch(() => undefined),
  );
  return next;
}

export function withMigrationLock<T>(runner: MigrationRunner, fn: () => Promise<T>): Promise<T> {
  return serialise(runner, async () => {
    await runner.query(`SELECT pg_advisory_lock(${MIGRATION_ADVISORY_LOCK_KEY})`);
    let failed = false;
    try {
      return await fn();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // If the run failed because the connection died, unlocking fails too; keep the first
      // error (the session's end releases the lock anyway).
      await runner.query(`SELECT pg_advisory_unlock(${MIGRATION_ADVISORY_LOCK_KEY})`).catch((error: unknown) => {
        if (!failed) throw error;
      });
    }
  });
}
