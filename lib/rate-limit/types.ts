// The rate limiter's contract, shared by both stores (PostgreSQL, Redis).
//
// Algorithm: a fixed window anchored at the first counted hit. The first `consume` of a key
// opens a window of `windowSeconds`; every hit adds `cost` to its counter; a hit is allowed
// while the counter stays at or under `limit`. When the window ends the next hit opens a new
// one. With `blockSeconds`, the hit that reaches the limit extends the window to at least
// `blockSeconds` from that moment: the lockout that follows lasts its full length however late
// in the window the limit was reached. The counter is changed by one atomic statement (SQL upsert or a Lua
// script), so concurrent hits from any number of app instances are counted exactly.

export type RateLimitOptions = {
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
  /** When set, reaching the limit keeps the key blocked for at least this long from that hit. */
  blockSeconds?: number;
  /** Added to the counter (default 1). Negative refunds an earlier hit (never below 0). */
  cost?: number;
  /** Clock override in milliseconds since the epoch (tests; default Date.now()). */
  now?: number;
};

export type RateLimitResult = {
  allowed: boolean;
  /** Hits left in the current window. */
  remaining: number;
  /** Seconds until the window ends (whole seconds, at least 1 when refused). */
  retryAfterSeconds: number;
};

export interface RateLimitStore {
  readonly kind: "postgres" | "redis";
  consume(key: string, options: RateLimitOptions): Promise<RateLimitResult>;
  close?(): Promise<void>;
}
