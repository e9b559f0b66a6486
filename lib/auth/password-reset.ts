// Forgotten password: ask for a link (requestPasswordReset), then use it (resetPassword).
//
// Asking never tells whether an account exists: known and unknown addresses are counted
// against the same limits (per address, hashed, and per IP), get the same answer, and answer
// no sooner than the response floor, which hides the extra work (token, audit event, email)
// done for a known one. Using the link changes the password, proves the address (verified),
// and signs the account out everywhere, all in one transaction with the token's use.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { enrichLogContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { appUrl, deliverWithin, sleepUntil } from "@/lib/email";
import { emailSettings } from "@/lib/email/settings";
import { resetPasswordEmail } from "@/lib/email/templates";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { getRateLimiter, type RateLimitStore } from "@/lib/rate-limit";
import {
  ACCOUNT_RESPONSE_FLOOR_MS,
  RESET_ACCOUNT_LIMIT,
  RESET_IP_LIMIT,
  resetAccountKey,
  resetIpKey,
} from "@/lib/rate-limit/account-policy";
import { consumeEmailToken, createEmailToken, EMAIL_TOKEN_TTL_MS, isWellFormedEmailToken } from "./email-tokens";
import { hashPassword } from "./password";
import { forgotPasswordSchema, resetPasswordSchema } from "./schemas";
import { revokeUserSessions } from "./sessions/revoke";

export type RequestPasswordResetResult =
  /** The same for every well-formed address, whether or not an account (and an email) exists. */
  | { ok: true }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export type RequestPasswordResetOptions = {
  origin?: string;
  limiter?: RateLimitStore;
  now?: () => number;
  /** Answer no sooner than this after the call (default ACCOUNT_RESPONSE_FLOOR_MS; tests pass 0). */
  minDurationMs?: number;
};

export async function requestPasswordReset(
  email: unknown,
  ip?: string | null,
  options: RequestPasswordResetOptions = {},
): Promise<RequestPasswordResetResult> {
  const parsed = forgotPasswordSchema.safeParse({ email });
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsFromZod(parsed.error) };
  const address = parsed.data.email;
  const deadline = Date.now() + (options.minDurationMs ?? ACCOUNT_RESPONSE_FLOOR_MS);

  // Counted before anything is looked up, for every address alike (as sign-in does).
  const limiter = options.limiter ?? (await getRateLimiter());
  const now = options.now?.() ?? Date.now();
  const limits = [
    { key: resetAccountKey(address), ...RESET_ACCOUNT_LIMIT },
    ...(ip ? [{ key: resetIpKey(ip), ...RESET_IP_LIMIT }] : []),
  ];
  const counted = await Promise.all(limits.map(({ key, ...limit }) => limiter.consume(key, { ...limit, now })));
  const refused = counted.filter((r) => !r.allowed);
  if (refused.length > 0) {
    const retryAfterSeconds = Math.max(...refused.map((r) => r.retryAfterSeconds));
    logger.info(
      { event: "auth.password_reset_rate_limited", retry_after_seconds: retryAfterSeconds },
      "password reset request rate limited",
    );
    return { ok: false, reason: "rate_limited", retryAfterSeconds };
  }

  const db = await getDb();
  const user = await db.user.findUnique({
    where: { email: address },
    select: { id: true, name: true, disabledAt: true },
  });
  if (user && !user.disabledAt) {
    const { token } = await db.$transaction(async (tx) => {
      const issued = await createEmailToken(tx, user.id, "RESET_PASSWORD");
      // Anonymous: whoever asked has not proved anything yet.
      await recordAudit(tx, {
        action: "user.password_reset_requested",
        targetType: "user",
        targetId: user.id,
      });
      return issued;
    });
    const link = await appUrl(`/reset-password?token=${encodeURIComponent(token)}`, options.origin);
    const expiresInMinutes = EMAIL_TOKEN_TTL_MS.RESET_PASSWORD / 60_000;
    const rendered = resetPasswordEmail({ name: user.name, link, expiresInMinutes, appName: emailSettings().appName });
    await deliverWithin({ to: address, ...rendered }, deadline - Date.now());
    logger.info({ event: "auth.password_reset_requested", target_user_id: user.id }, "password reset link issued");
  } else {
    logger.info(
      { event: "auth.password_reset_unknown" },
      "password reset asked for an address without an active account",
    );
  }
  await sleepUntil(deadline);
  return { ok: true };
}

export type ResetPasswordResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  /** Unknown, used or expired link: one answer for all three. */
  | { ok: false; reason: "invalid_token" };

/** Input: `{ token, password, confirmPassword }` (resetPasswordSchema). */
export async function resetPassword(input: unknown): Promise<ResetPasswordResult> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsFromZod(parsed.error) };
  const { token, password } = parsed.data;
  if (!isWellFormedEmailToken(token)) return { ok: false, reason: "invalid_token" };

  // Hashed outside the transaction: bcrypt's quarter second should not hold a connection.
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const userId = await db.$transaction(async (tx) => {
    const id = await consumeEmailToken(token, "RESET_PASSWORD", tx);
    if (!id) return null;
    // Following the emailed link proves the address, so it is verified from now on.
    await tx.$executeRaw`
      UPDATE users SET password_hash = ${passwordHash}, email_verified_at = COALESCE(email_verified_at, now()), updated_at = now()
       WHERE id = ${id}::uuid`;
    // The link proved who this is: the change is the account owner's own.
    enrichLogContext({ userId: id });
    const revoked = await revokeUserSessions(tx, id, "password_changed");
    await recordAudit(tx, {
      action: "user.password_reset",
      targetType: "user",
      targetId: id,
      data: { sessionsRevoked: revoked },
    });
    return id;
  });
  if (!userId) {
    logger.info({ event: "auth.password_reset_refused" }, "password reset link refused");
    return { ok: false, reason: "invalid_token" };
  }
  logger.info({ event: "auth.password_reset", target_user_id: userId }, "password reset");
  return { ok: true, userId };
}
