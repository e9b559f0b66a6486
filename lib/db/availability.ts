// Is the database reachable right now, as far as this process knows? Any classified outage
// (lib/db/unavailable.ts) and any pooled connection the server drops (a restart terminates
// them all, 57P01) marks it down; the next request through middleware.ts then probes with one
// cheap query instead of running the page: during an outage pages and APIs answer 503 at once
// (a page that fails half-way can only give 500), and the first success clears the mark.
// Healthy, this costs nothing: no probe runs until something has failed.
import { onDatabaseFailure, classifyDatabaseError, type DatabaseFailure } from "./unavailable";

const PROBE_TIMEOUT_MS = 1_500;

type State = { down: DatabaseFailure | null; subscribed: boolean };
// globalThis: middleware and the app are separate bundles in one process.
const g = globalThis as unknown as { civitasDatabaseAvailability?: State };
const state = (g.civitasDatabaseAvailability ??= { down: null, subscribed: false });
if (!state.subscribed) {
  state.subscribed = true;
  onDatabaseFailure((failure) => {
    state.down = failure;
  });
}

/** Marks the database down (a pool's dropped connection, a failed query). */
export function noteDatabaseDown(err: unknown): void {
  state.down = classifyDatabaseError(err) ?? { kind: "lost", code: "CONNECTION_ERROR" };
}

/** The last failure since the database was last seen working, or null. */
export function databaseDownSince(): DatabaseFailure | null {
  return state.down;
}

export function noteDatabaseUp(): void {
  state.down = null;
}

/**
 * One `SELECT 1` with a short deadline (a hung server must not hold the request for the
 * pool's 10 s connect timeout). Null when it answered; the failure otherwise.
 */
export async function probeDatabase(query: () => Promise<unknown>): Promise<DatabaseFailure | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error("database probe timed out"), { code: "ETIMEDOUT" })),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([query(), deadline]);
    noteDatabaseUp();
    return null;
  } catch (err) {
    const failure = classifyDatabaseError(err) ?? { kind: "connect" as const, code: "PROBE_FAILED" };
    state.down = failure;
    return failure;
  } finally {
    clearTimeout(timer);
  }
}
