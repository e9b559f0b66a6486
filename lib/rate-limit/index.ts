// The app's rate limiter: Redis when REDIS_URL is set, otherwise the PostgreSQL table
// (DESIGN.md invariant 11: every instance shares the same counters). Opened once per process.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db";
import { createPostgresStore } from "./postgres-store";
import type { RateLimitOptions, RateLimitResult, RateLimitStore } from "./types";

const g = globalThis as unknown as { civitasRateLimiter?: Promise<RateLimitStore> };

async function open(): Promise<RateLimitStore> {
  const { REDIS_URL } = getConfig();
  if (REDIS_URL) {
    // Loaded only when configured, so ioredis stays out of the default set-up.
    const { createRedisStore } = await import("./redis-store");
    return createRedisStore({ url: REDIS_URL });
  }
  return createPostgresStore((await getDatabase()).base);
}

export function getRateLimiter(): Promise<RateLimitStore> {
  g.civitasRateLimiter ??= open().catch((err) => {
    g.civitasRateLimiter = undefined;
    throw err;
  });
  return g.civitasRateLimiter;
}

/** Counts one hit against `key` in the app's store. */
export async function consume(key: string, options: RateLimitOptions): Promise<RateLimitResult> {
  return (await getRateLimiter()).consume(key, options);
}

export type { RateLimitOptions, RateLimitResult, RateLimitStore } from "./types";
