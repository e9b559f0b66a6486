// Pure parts of the rate limiter and the sign-in policy: option checks, the answer a counter
// turns into, hashed keys, the user-facing wording and the client IP.
import { normaliseOptions, toResult } from "@/lib/rate-limit/result";
import {
  ACCOUNT_LIMIT,
  accountKey,
  IP_LIMIT,
  ipKey,
  rateLimitedMessage,
  retryAfterPhrase,
} from "@/lib/rate-limit/sign-in-policy";
import { ConfigError, parseConfig } from "@/lib/config";

describe("normaliseOptions", () => {
  test("fills defaults and converts to milliseconds", () => {
    expect(normaliseOptions({ limit: 5, windowSeconds: 60, now: 1000.7 })).toEqual({
      limit: 5,
      windowMs: 60_000,
      blockMs: 0,
      cost: 1,
      now: 1000,
    });
    expect(normaliseOptions({ limit: 5, windowSeconds: 60, blockSeconds: 900, cost: -1, now: 0 })).toMatchObject({
      blockMs: 900_000,
      cost: -1,
    });
  });

  test.each([
    [{ limit: -1, windowSeconds: 60 }],
    [{ limit: 1.5, windowSeconds: 60 }],
    [{ limit: 1, windowSeconds: 0 }],
    [{ limit: 1, windowSeconds: 60, blockSeconds: -1 }],
    [{ limit: 1, windowSeconds: 60, cost: 0.5 }],
  ])("rejects %p", (options) => {
    expect(() => normaliseOptions(options)).toThrow(RangeError);
  });
});

describe("toResult", () => {
  const o = normaliseOptions({ limit: 3, windowSeconds: 60, now: 10_000 });
  test("allowed up to and including the limit", () => {
    expect(toResult(1, 70_000, o)).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 60 });
    expect(toResult(3, 70_000, o)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 60 });
    expect(toResult(4, 69_001, o)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
  });
  test("a refusal always asks for at least one second", () => {
    expect(toResult(9, 10_000, o)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });
});

describe("sign-in policy", () => {
  test("the limits the product asks for", () => {
    expect(ACCOUNT_LIMIT).toEqual({ limit: 50, windowSeconds: 900, blockSeconds: 900 });
    expect(IP_LIMIT.limit).toBe(100);
  });

  test("account keys normalise the email and never contain it", () => {
    expect(accountKey("  Dana@Example.ORG ")).toBe(accountKey("dana@example.org"));
    expect(accountKey("dana@example.org")).not.toContain("dana");
    expect(accountKey("a@example.org")).not.toBe(accountKey("b@example.org"));
    expect(ipKey("203.0.113.9")).not.toContain("203.0.113.9");
    expect(ipKey("203.0.113.9")).not.toBe(accountKey("203.0.113.9"));
  });

  test.each([
    [undefined, "later"],
    [0, "later"],
    [30, "in under a minute"],
    [60, "in about 1 minute"],
    [61, "in about 2 minutes"],
    [900, "in about 15 minutes"],
    [3600, "in about 1 hour"],
    [5400, "in about 2 hours"],
  ])("retry after %p seconds reads %p", (seconds, phrase) => {
    expect(retryAfterPhrase(seconds)).toBe(phrase);
  });

  test("the message says to try again later and nothing about the account", () => {
    expect(rateLimitedMessage(900)).toBe("Too many sign-in attempts. Please try again in about 15 minutes.");
    expect(rateLimitedMessage()).toMatch(/try again later/);
  });
});

describe("REDIS_URL", () => {
  test("accepts redis:// and rediss:// URLs, unset means PostgreSQL", () => {
    expect(parseConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(parseConfig({ REDIS_URL: "rediss://:secret@cache.example.org:6380/1" }).REDIS_URL).toBe(
      "rediss://:secret@cache.example.org:6380/1",
    );
    expect(parseConfig({ REDIS_URL: " " }).REDIS_URL).toBeUndefined();
  });
  test.each(["http://127.0.0.1:6379", "127.0.0.1:6379", "redis://"])("rejects %p, naming the variable", (value) => {
    expect(() => parseConfig({ REDIS_URL: value })).toThrow(ConfigError);
    try {
      parseConfig({ REDIS_URL: value });
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.variable)).toEqual(["REDIS_URL"]);
    }
  });
});
