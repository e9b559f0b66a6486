// Pure arithmetic shared by the stores: validating options and turning the counter a store
// returns into the caller's answer.
import type { RateLimitOptions, RateLimitResult } from "./types";

export type NormalisedOptions = { limit: number; windowMs: number; blockMs: number; cost: number; now: number };

export function normaliseOptions(options: RateLimitOptions): NormalisedOptions {
  const { limit, windowSeconds, blockSeconds = 0, cost = 1, now = Date.now() } = options;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError("rate limit: limit must be a whole number ≥ 0");
  if (!(windowSeconds > 0)) throw new RangeError("rate limit: windowSeconds must be > 0");
  if (!(blockSeconds >= 0)) throw new RangeError("rate limit: blockSeconds must be ≥ 0");
  if (!Number.isInteger(cost)) throw new RangeError("rate limit: cost must be a whole number");
  return {
    limit,
    windowMs: Math.round(windowSeconds * 1000),
    blockMs: Math.round(blockSeconds * 1000),
    cost,
    now: Math.floor(now),
  };
}

/** The answer for a counter of `count` in a window ending at `expiresAtMs`. */
export function toResult(count: number, expiresAtMs: number, o: NormalisedOptions): RateLimitResult {
  const allowed = count <= o.limit;
  const untilEnd = Math.max(0, Math.ceil((expiresAtMs - o.now) / 1000));
  return {
    allowed,
    remaining: Math.max(0, o.limit - count),
    retryAfterSeconds: allowed ? untilEnd : Math.max(1, untilEnd),
  };
}
