// Checks an email and password. The one business function behind every password sign-in.
// Unknown email, disabled account and wrong password all take the same time and give the
// same answer ("invalid"), so the response never tells whether an account exists.
//
// Brute force: every attempt counts against the account (normalised email, known or not) and
// the client IP before any password is checked (lib/rate-limit/sign-in-policy.ts has the
// limits); a successful sign-in refunds its count, so only failures add up. Counting first
// makes the limit exact under concurrency: 1,000 parallel guesses get `limit` checks, not
// 1,000. Over a limit, the answer is "rate_limited" for every email alike, even with the
// right password, and no password is checked.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { getRateLimiter, type RateLimitStore } from "@/lib/rate-limit";
import { ACCOUNT_LIMIT, accountKey, IP_LIMIT, ipKey } from "@/lib/rate-limit/sign-in-policy";
import { recordAudit } from "@/lib/audit/record";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { signInSchema } from "./schemas";

export type AuthenticatedUser = { id: string; email: string; name: string };

export type AuthenticateResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export type AuthenticateOptions = {
  /** Rate-limit store (default: the app's, see lib/rate-limit). */
  limiter?: RateLimitStore;
  /** Clock in ms (tests move it instead of waiting out a lockout). */
  now?: () => number;
};

const inputSchema = signInSchema.pick({ email: true, password: true }).extend({
  /** The client's IP as the proxy reported it; without one only the account limit applies. */
  ip: z.string().trim().min(1).max(100).optional().catch(undefined),
});

const INVALID = { ok: false, reason: "invalid" } as const;

export async function authenticate(input: unknown, options: AuthenticateOptions = {}): Promise<AuthenticateResult> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return INVALID;
  const { email, password, ip } = parsed.data;

  const limiter = options.limiter ?? (await getRateLimiter());
  const now = options.now?.() ?? Date.now();
  const limits = [{ key: accountKey(email), ...ACCOUNT_LIMIT }, ...(ip ? [{ key: ipKey(ip), ...IP_LIMIT }] : [])];
  const counted = await Promise.all(limits.map(({ key, ...limit }) => limiter.consume(key, { ...limit, now })));
  const refused = counted.filter((r) => !r.allowed);
  if (refused.length > 0) {
    const retryAfterSeconds = Math.max(...refused.map((r) => r.retryAfterSeconds));
    logger.info({ event: "auth.sign_in_rate_limited", retry_after_seconds: retryAfterSeconds }, "sign-in rate limited");
    await recordAudit(await getDb(), {
      action: "auth.sign_in_rate_limited",
      data: { email, retryAfterSeconds },
    });
    return { ok: false, reason: "rate_limited", retryAfterSeconds };
  }

  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const ok = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password);
  if (!user || !ok || user.disabledAt) {
    logger.info({ event: "auth.sign_in_failed" }, "sign-in failed");
    // The audit trail may say why (the response never does); the email is masked by recordAudit.
    const reason = !user ? "unknown_email" : !ok ? "wrong_password" : "disabled";
    await recordAudit(db, {
      action: "auth.sign_in_failed",
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      data: { email, reason },
    });
    return INVALID;
  }
  // Success: give back the attempts this sign-in counted, so failures alone reach a limit.
  await Promise.all(limits.map(({ key, ...limit }) => limiter.consume(key, { ...limit, cost: -1, now })));
  logger.info({ event: "auth.sign_in", user_id: user.id }, "signed in");
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
