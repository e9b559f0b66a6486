// MigrationRunner over a PGlite instance. PGlite is a single session, so one runner per
// instance is cached: the applier serialises work per runner object (see migration-lock.ts),
// which is what keeps two concurrent callers in one process from interleaving transactions.
import type { PGliteInterface } from "@electric-sql/pglite";
import type { MigrationRunner } from "./runner";

const runners = new WeakMap<PGliteInterface, MigrationRunner>();

export function createPgliteRunner(db: PGliteInterface): MigrationRunner {
  let runner = runners.get(db);
  if (!runner) {
    runner = {
      async exec(sql) {
        await db.exec(sql); // PGlite's exec takes multi-statement scripts and DO blocks.
      },
      async query<T>(sql: string, params: unknown[] = []) {
        return (await db.query<T>(sql, params)).rows;
      },
    };
    runners.set(db, runner);
  }
  return runner;
}
