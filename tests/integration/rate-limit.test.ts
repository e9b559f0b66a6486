// The rate limiter's two stores against real servers: the PostgreSQL store on the test
// database (PostgreSQL with DATABASE_URL, else in-memory PGlite), as the unprivileged app role,
// and the Redis store on REDIS_URL (default redis://127.0.0.1:6379; skipped, saying so, when
// no Redis answers). Both must give the same answers to the same calls.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createPostgresStore, sweepExpired } from "@/lib/rate-limit/postgres-store";
import { createRedisStore } from "@/lib/rate-limit/redis-store";
import type { RateLimitStore } from "@/lib/rate-limit/types";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

/** Synchronous probe (test.each/describe need the answer before any hook runs). */
function redisReachable(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `const s=require("node:net").connect(${Number(port) || 6379}, ${JSON.stringify(hostname)});
    s.setTimeout(1500, () => process.exit(1)); s.on("error", () => process.exit(1));
    s.on("connect", () => s.write("PING\\r\\n")); s.on("data", (d) => process.exit(String(d).startsWith("+PONG") || String(d).startsWith("-NOAUTH") ? 0 : 1));`;
  return spawnSync(process.execPath, ["-e", probe], { timeout: 5000 }).status === 0;
}

const run = randomUUID().slice(0, 8);
let n = 0;
const uniqueKey = (label: string) => `test:${run}:${label}:${++n}`;
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

function storeContract(getStore: () => RateLimitStore) {
  test("50 concurrent hits: exactly `limit` are allowed", async () => {
    const store = getStore();
    const key = uniqueKey("concurrent");
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.consume(key, { limit: 10, windowSeconds: 60 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(
      results
        .filter((r) => r.allowed)
        .map((r) => r.remaining)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const r of results.filter((x) => !x.allowed)) {
      expect(r.remaining).toBe(0);
      expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  test("a window ends `windowSeconds` after its first hit, then counting starts again", async () => {
    const store = getStore();
    const key = uniqueKey("expiry");
    const opts = { limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) expect((await store.consume(key, { ...opts, now: T0 + i * 1000 })).allowed).toBe(true);
    expect(await store.consume(key, { ...opts, now: T0 + 10_000 })).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 50,
    });
    expect((await store.consume(key, { ...opts, now: T0 + 59_999 })).allowed).toBe(false);
    expect(await store.consume(key, { ...opts, now: T0 + 60_000 })).toEqual({
      allowed: true,
      remaining: 2,
      retryAfterSeconds: 60,
    });
  });

  test("keys are independent", async () => {
    const store = getStore();
    const [a, b] = [uniqueKey("a"), uniqueKey("b")];
    const opts = { limit: 1, windowSeconds: 60, now: T0 };
    expect((await store.consume(a, opts)).allowed).toBe(true);
    expect((await store.consume(a, opts)).allowed).toBe(false);
    expect(await store.consume(b, opts)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 60 });
  });

  test("blockSeconds: reaching the limit late in a window still blocks for the full time", async () => {
    const store = getStore();
    const key = uniqueKey("block");
    const opts = { limit: 2, windowSeconds: 60, blockSeconds: 300 };
    expect((await store.consume(key, { ...opts, now: T0 })).allowed).toBe(true);
    expect(await store.consume(key, { ...opts, now: T0 + 50_000 })).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterSeconds: 300,
    });
    expect(await store.consume(key, { ...opts, now: T0 + 61_000 })).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 289,
    });
    // Refused hits do not extend the block.
    expect((await store.consume(key, { ...opts, now: T0 + 349_999 })).allowed).toBe(false);
    expect(await store.consume(key, { ...opts, now: T0 + 350_000 })).toEqual({
      allowed: true,
      remaining: 1,
      retryAfterSeconds: 60,
    });
  });

  test("a negative cost refunds a hit, never below zero", async () => {
    const store = getStore();
    const key = uniqueKey("refund");
    const opts = { limit: 1, windowSeconds: 60, now: T0 };
    expect((await store.consume(key, opts)).allowed).toBe(true);
    expect(await store.consume(key, { ...opts, cost: -1 })).toMatchObject({ allowed: true, remaining: 1 });
    expect(await store.consume(key, { ...opts, cost: -1 })).toMatchObject({ allowed: true, remaining: 1 });
    expect((await store.consume(key, opts)).allowed).toBe(true);
    expect((await store.consume(key, opts)).allowed).toBe(false);
  });
}

describe("PostgreSQL store (as the app role)", () => {
  let database: TestDatabase;
  let store: RateLimitStore;
  beforeAll(async () => {
    database = await openTestDatabase();
    store = createPostgresStore(database.base);
  });
  afterAll(async () => {
    await database?.close();
  });

  storeContract(() => store);

  test("the sweep deletes rows whose window ended by the database clock, and only those", async () => {
    const [old, live] = [uniqueKey("old"), uniqueKey("live")];
    await store.consume(old, { limit: 1, windowSeconds: 60, now: Date.now() - 3_600_000 });
    await store.consume(live, { limit: 1, windowSeconds: 60 });
    await sweepExpired(database.base);
    const rows = await database.base.rateLimitBucket.findMany({
      where: { key: { in: [old, live] } },
      select: { key: true },
    });
    expect(rows.map((r) => r.key)).toEqual([live]);
  });

  test("the table is global: usable through the tenant-guarded client without a tenant", async () => {
    const key = uniqueKey("db");
    const viaDb = createPostgresStore(database.db);
    expect((await viaDb.consume(key, { limit: 1, windowSeconds: 60 })).allowed).toBe(true);
    expect(await database.db.rateLimitBucket.count({ where: { key } })).toBe(1);
  });
});

const redisUp = redisReachable(REDIS_URL);
if (!redisUp) {
  process.stdout.write(
    `\n[rate-limit] SKIPPING the Redis store tests: no Redis answered at ${REDIS_URL} (set REDIS_URL or start Redis)\n`,
  );
}
(redisUp ? describe : describe.skip)(`Redis store (${REDIS_URL})`, () => {
  let store: RateLimitStore;
  beforeAll(() => {
    // A prefix of its own per run, so nothing here collides with the app or another run.
    store = createRedisStore({ url: REDIS_URL, keyPrefix: `civitas:test:${run}:` });
  });
  afterAll(async () => {
    await store?.close?.();
  });

  storeContract(() => store);
});
