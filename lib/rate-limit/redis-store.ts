// Redis store, used when REDIS_URL is set: one hash per key ({count, start, expires}) changed
// by a Lua script, which Redis runs atomically. The key also gets a TTL so Redis drops it by
// itself after its window. Times come from the caller (ms), like the PostgreSQL store, so
// both behave the same and tests can move the clock.
import Redis from "ioredis";
import { normaliseOptions, toResult } from "./result";
import type { RateLimitOptions, RateLimitResult, RateLimitStore } from "./types";

// KEYS[1] bucket; ARGV: now, windowMs, limit, cost, blockMs (all integers). Returns {count, expires}.
const CONSUME_SCRIPT = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local blockMs = tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'count', 'expires')
local count = tonumber(state[1]) or 0
local expires = tonumber(state[2]) or 0
if expires <= now then
  count = 0
  expires = now + windowMs
  redis.call('HSET', KEYS[1], 'start', now)
end
local newCount = math.max(count + cost, 0)
if blockMs > 0 and count < limit and newCount >= limit then
  expires = math.max(expires, now + blockMs)
end
redis.call('HSET', KEYS[1], 'count', newCount, 'expires', expires)
redis.call('PEXPIRE', KEYS[1], math.max(expires - now, 1) + 1000)
return {newCount, expires}
`;

type RedisWithConsume = Redis & {
  rateLimitConsume(
    key: string,
    now: number,
    windowMs: number,
    limit: number,
    cost: number,
    blockMs: number,
  ): Promise<[number, number]>;
};

export type RedisStoreOptions = { url: string; keyPrefix?: string };

export function createRedisStore({ url, keyPrefix = "civitas:rl:" }: RedisStoreOptions): RateLimitStore {
  // One retry per command (ioredis defaults to 20): while Redis is down a sign-in should fail
  // with an error soon, not hang. Commands issued while (re)connecting wait in the queue.
  const redis = new Redis(url, { keyPrefix, lazyConnect: true, maxRetriesPerRequest: 1 }) as RedisWithConsume;
  // defineCommand sends the script once (EVALSHA, falling back to EVAL after a restart).
  redis.defineCommand("rateLimitConsume", { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  return {
    kind: "redis",
    async consume(key: string, options: RateLimitOptions): Promise<RateLimitResult> {
      const o = normaliseOptions(options);
      const [count, expires] = await redis.rateLimitConsume(key, o.now, o.windowMs, o.limit, o.cost, o.blockMs);
      return toResult(Number(count), Number(expires), o);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
