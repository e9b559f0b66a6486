// Email verification: the link from the sign-up email proves the address. Unverified users
// can still sign in; whether they may do more is decided by the caller (isEmailVerified).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { enrichLogContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { appUrl, sendEmail } from "@/lib/email";
import { emailSettings } from "@/lib/email/settings";
import { verificationEmail } from "@/lib/email/templates";
import type { EmailMessage } from "@/lib/email/types";
import { logger } from "@/lib/log/logger";
import { getRateLimiter, type RateLimitStore } from "@/lib/rate-limit";
import { VERIFY_RESEND_LIMIT, verifyResendKey } from "@/lib/rate-limit/account-policy";
import { consumeEmailToken, createEmailToken, EMAIL_TOKEN_TTL_MS, isWellFormedEmailToken } from "./email-tokens";

export type VerifyEmailResult = { ok: true; userId: string } | { ok: false; reason: "invalid_token" };

const INVALID = { ok: false, reason: "invalid_token" } as const;

/** Uses the emailed token and marks the address verified (once; a second use is refused). */
export async function verifyEmail(token: unknown): Promise<VerifyEmailResult> {
  if (!isWellFormedEmailToken(token)) return INVALID;
  const db = await getDb();
  const userId = await db.$transaction(async (tx) => {
    const id = await consumeEmailToken(token, "VERIFY_EMAIL", tx);
    if (!id) return null;
    // Only the first verification is an event; an address verified meanwhile (by a password
    // reset, say) just stays verified.
    const { count } = await tx.user.updateMany({
      where: { id, emailVerifiedAt: null },
      data: { emailVerifiedAt: new Date() },
    });
    if (count > 0) {
      // The emailed link proved who this is: the event is the account owner's.
      enrichLogContext({ userId: id });
      await recordAudit(tx, { action: "user.email_verified", targetType: "user", targetId: id });
    }
    return id;
  });
  if (!userId) {
    logger.info({ event: "auth.email_verification_refused" }, "email verification link refused");
    return INVALID;
  }
  logger.info({ event: "auth.email_verified", target_user_id: userId }, "email verified");
  return { ok: true, userId };
}

export async function isEmailVerified(userId: string): Promise<boolean> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return !!user?.emailVerifiedAt;
}

export type ResendVerificationResult =
  | { ok: true; status: "sent" | "already_verified" }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export type ResendVerificationOptions = { origin?: string; limiter?: RateLimitStore; now?: () => number };

/**
 * A new verification link for a signed-in user (the earlier one stops working). The user is
 * known, so there is nothing to hide: the email is sent before answering and an SMTP failure
 * is thrown (ExternalServiceError) for the action to show.
 */
export async function resendVerification(
  userId: string,
  options: ResendVerificationOptions = {},
): Promise<ResendVerificationResult> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, emailVerifiedAt: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return { ok: false, reason: "not_found" };
  if (user.emailVerifiedAt) return { ok: true, status: "already_verified" };

  const limiter = options.limiter ?? (await getRateLimiter());
  const counted = await limiter.consume(verifyResendKey(user.id), {
    ...VERIFY_RESEND_LIMIT,
    now: options.now?.() ?? Date.now(),
  });
  if (!counted.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: counted.retryAfterSeconds };

  const { token } = await db.$transaction((tx) => createEmailToken(tx, user.id, "VERIFY_EMAIL"));
  await sendEmail(await buildVerificationEmail(user.email, user.name, token, options.origin));
  logger.info({ event: "auth.verification_resent", target_user_id: user.id }, "verification email sent again");
  return { ok: true, status: "sent" };
}

/** The verification email for `token` (also sent by sign-up). */
export async function buildVerificationEmail(
  to: string,
  name: string,
  token: string,
  origin?: string,
): Promise<EmailMessage> {
  const link = await appUrl(`/verify-email?token=${encodeURIComponent(token)}`, origin);
  const expiresInHours = EMAIL_TOKEN_TTL_MS.VERIFY_EMAIL / 3_600_000;
  return { to, ...verificationEmail({ name, link, expiresInHours, appName: emailSettings().appName }) };
}
