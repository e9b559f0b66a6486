// Counts one hit against each key and throws RateLimitedError (429, Retry-After) when any is
// over its limit: for endpoints where "too many" is simply refused (invitations).
import "server-only";
import { RateLimitedError } from "@/lib/errors";
import { getRateLimiter } from "./index";
import { retryAfterPhrase } from "./sign-in-policy";
import type { RateLimitOptions } from "./types";

export async function enforceRateLimits(
  limits: Array<{ key: string } & RateLimitOptions>,
  what = "requests",
): Promise<void> {
  const limiter = await getRateLimiter();
  const results = await Promise.all(limits.map(({ key, ...options }) => limiter.consume(key, options)));
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return;
  const retryAfter = Math.max(...refused.map((r) => r.retryAfterSeconds));
  throw new RateLimitedError(`Too many ${what}. Please try again ${retryAfterPhrase(retryAfter)}.`, retryAfter);
}
