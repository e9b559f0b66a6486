// "Could not check" is not "no": telling an unreachable database apart from a real answer.
//
// Every place that turns a database failure into a decision (signed out? not a member? saved?)
// asks `classifyDatabaseError` first. An infrastructure failure — refused or reset connection,
// timeout, exhausted pool, server shutting down — becomes `DatabaseUnavailableError` (503 with
// Retry-After, the session cookie untouched) or, when it struck a write whose COMMIT may have
// reached the server, `WriteOutcomeUnknownError`. Anything else (a constraint, a bad query) is
// left exactly as it was.
//
// The shapes below are the ones the drivers really produce (tests/unit/database-unavailable
// captures them from pg, Prisma over @prisma/adapter-pg and PGlite):
//   pg              Error with a Node socket `code` (ECONNREFUSED, ECONNRESET), a SQLSTATE
//                   `code` (57P01 admin_shutdown, 08006, 53300), or only a message
//                   ("timeout exceeded when trying to connect" = pool exhausted,
//                   "Connection terminated unexpectedly", "Client has encountered a connection
//                   error and is not queryable").
//   Prisma          PrismaClientKnownRequestError P1001/P1002/P1017/P2024, or P2010 (raw query)
//                   with meta.driverAdapterError.cause.kind; a DriverAdapterError (its cause
//                   has `kind`: DatabaseNotReachable, ConnectionClosed, SocketTimeout,
//                   TooManyConnections, or kind "postgres" with a SQLSTATE `code`).
//   PGlite          Error "PGlite is closed".
import { UnavailableError, WriteOutcomeUnknownError } from "@/lib/errors/app-error";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/errors/unavailable-digest";

/** "connect": no connection was made, so nothing ran. "lost": it broke while in use. */
export type DatabaseFailure = { kind: "connect" | "lost"; code: string };

/** Seconds a client should wait before trying again: a restart or fail-over takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

export { DATABASE_UNAVAILABLE_DIGEST };

const SOCKET_CODES: Record<string, DatabaseFailure["kind"]> = {
  ECONNREFUSED: "connect",
  ENOTFOUND: "connect",
  EAI_AGAIN: "connect",
  EHOSTUNREACH: "connect",
  ENETUNREACH: "connect",
  ETIMEDOUT: "connect",
  ECONNRESET: "lost",
  EPIPE: "lost",
  ECONNABORTED: "lost",
};

// SQLSTATE: class 08 (connection exception), 53300 too_many_connections, 57P01-57P03 (the
// server is shutting down, crashed, or not yet accepting connections).
const SQLSTATES: Record<string, DatabaseFailure["kind"]> = {
  "08000": "lost",
  "08003": "lost",
  "08006": "lost",
  "08001": "connect",
  "08004": "connect",
  "08007": "lost",
  "08P01": "lost",
  "53300": "connect",
  "57P01": "lost",
  "57P02": "lost",
  "57P03": "connect",
};

const PRISMA_CODES: Record<string, DatabaseFailure["kind"]> = {
  P1001: "connect", // can't reach database server
  P1002: "connect", // reached but timed out
  P1017: "lost", // server has closed the connection
  P2024: "connect", // timed out fetching a connection from the pool
};

const ADAPTER_KINDS: Record<string, DatabaseFailure["kind"]> = {
  DatabaseNotReachable: "connect",
  TooManyConnections: "connect",
  ConnectionClosed: "lost",
  SocketTimeout: "lost",
};

const MESSAGES: Array<[RegExp, DatabaseFailure]> = [
  [/timeout exceeded when trying to connect/i, { kind: "connect", code: "POOL_TIMEOUT" }],
  [/connection terminated due to connection timeout/i, { kind: "connect", code: "CONNECT_TIMEOUT" }],
  [/can't reach database server/i, { kind: "connect", code: "P1001" }],
  [/connection terminated/i, { kind: "lost", code: "CONNECTION_TERMINATED" }],
  [/encountered a connection error and is not queryable/i, { kind: "lost", code: "CONNECTION_ERROR" }],
  [/server has closed the connection/i, { kind: "lost", code: "P1017" }],
  [/^PGlite is closed$/, { kind: "connect", code: "PGLITE_CLOSED" }],
];

function classifyOne(node: Record<string, unknown>): DatabaseFailure | null {
  const code = typeof node.code === "string" ? node.code : undefined;
  if (code) {
    const kind = SOCKET_CODES[code] ?? SQLSTATES[code] ?? PRISMA_CODES[code];
    if (kind) return { kind, code };
  }
  const adapterKind = typeof node.kind === "string" ? ADAPTER_KINDS[node.kind] : undefined;
  if (adapterKind) return { kind: adapterKind, code: node.kind as string };
  return null;
}

/** The infrastructure failure behind `err`, or null when `err` is an ordinary error. */
export function classifyDatabaseError(err: unknown): DatabaseFailure | null {
  if (err instanceof DatabaseUnavailableError) return err.failure;
  // Breadth-first through the places drivers hide the real cause; depth-bounded (cycles).
  const queue: unknown[] = [err];
  const messages: string[] = [];
  for (let i = 0; i < queue.length && i < 16; i++) {
    const node = queue[i];
    if (!node || typeof node !== "object") continue;
    const record = node as Record<string, unknown>;
    const found = classifyOne(record);
    if (found) return found;
    if (typeof record.message === "string") messages.push(record.message);
    const meta = record.meta as Record<string, unknown> | undefined;
    queue.push(record.cause, meta?.driverAdapterError, ...(Array.isArray(record.errors) ? record.errors : []));
  }
  for (const message of messages) for (const [pattern, failure] of MESSAGES) if (pattern.test(message)) return failure;
  return null;
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return classifyDatabaseError(err) !== null;
}

/** The database could not be reached: nothing was done. 503, Retry-After. */
export class DatabaseUnavailableError extends UnavailableError {
  /** Read by the error boundary; Next keeps an error's own digest when it streams it. */
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(
    readonly failure: DatabaseFailure,
    options?: { cause?: unknown; userId?: string },
  ) {
    super("We can't reach the database right now. Nothing was changed; try again in a moment.", {
      cause: options?.cause,
      retryAfter: DATABASE_RETRY_AFTER_SECONDS,
    });
    this.userId = options?.userId;
  }
  /** Who was asking, when known (the session check knows the cookie's user): for the log line. */
  readonly userId?: string;
}

/** Records a failure for the outage gate (lib/db/availability.ts reads it). */
type Listener = (failure: DatabaseFailure) => void;
const g = globalThis as unknown as { civitasDatabaseFailureListeners?: Set<Listener> };
const listeners = (g.civitasDatabaseFailureListeners ??= new Set());
export function onDatabaseFailure(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * `err` as the application should see it: infrastructure failures become
 * DatabaseUnavailableError, or WriteOutcomeUnknownError when `mayHaveCommitted` (a write's
 * connection broke after the statement or COMMIT may have reached the server); anything
 * else is returned unchanged.
 */
export function databaseErrorFor(err: unknown, options: { mayHaveCommitted?: boolean } = {}): unknown {
  if (err instanceof WriteOutcomeUnknownError) return err;
  const failure = classifyDatabaseError(err);
  if (!failure) return err;
  for (const listener of listeners) listener(failure);
  // A connection that was never made cannot have committed anything.
  if (options.mayHaveCommitted && failure.kind === "lost")
    return new WriteOutcomeUnknownError(undefined, { cause: err });
  if (err instanceof DatabaseUnavailableError) return err;
  return new DatabaseUnavailableError(failure, { cause: err });
}

/** For `.catch(rethrowAsDatabaseError)`: rethrows `err`, converted when it is an outage. */
export function rethrowAsDatabaseError(err: unknown): never {
  throw databaseErrorFor(err);
}
