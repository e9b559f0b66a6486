// Creating an account with email and password. The one business function behind the sign-up
// form, and behind accepting an emailed invitation (which passes `emailVerified: true`).
//
// No account enumeration: an address that already has an account gets the same answer, in the
// same time (both paths hash the password and answer no sooner than the response floor), and
// nothing is created; instead its owner is emailed "you already have an account". Emails to one
// address are capped (SIGN_UP_EMAIL_LIMIT) so the form cannot be used to flood an inbox; past
// the cap the answer is still the same.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { enrichLogContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { appUrl, deliverWithin, sleepUntil } from "@/lib/email";
import { emailSettings } from "@/lib/email/settings";
import { accountExistsEmail } from "@/lib/email/templates";
import type { EmailMessage } from "@/lib/email/types";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { getRateLimiter, type RateLimitStore } from "@/lib/rate-limit";
import {
  ACCOUNT_RESPONSE_FLOOR_MS,
  SIGN_UP_EMAIL_LIMIT,
  SIGN_UP_IP_LIMIT,
  signUpEmailKey,
  signUpIpKey,
} from "@/lib/rate-limit/account-policy";
import { createEmailToken } from "./email-tokens";
import { hashPassword } from "./password";
import { signUpSchema } from "./schemas";
import { buildVerificationEmail } from "./verify-email";

export type SignUpResult =
  /**
   * Done, or nothing to do. `userId` is the new user's id, or null when the address already had
   * an account (nothing was created; its owner was emailed). Sign-up pages must show the same
   * "check your email" for both; the invitation flow may use the id.
   */
  | { ok: true; userId: string | null }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export type SignUpOptions = {
  /**
   * The caller has already proved the address (the person followed an invitation emailed to
   * it): the user is created verified and no verification email is sent. There is then nothing
   * to hide from this caller, so no response floor either.
   */
  emailVerified?: boolean;
  /** The client's IP, for the per-IP limit; without one only the per-address email cap applies. */
  ip?: string | null;
  /** Origin for emailed links when APP_URL/AUTH_URL are unset (default: the current request's). */
  origin?: string;
  /** Rate-limit store (default: the app's). */
  limiter?: RateLimitStore;
  /** Clock in ms for the rate limits (tests). */
  now?: () => number;
  /** Answer no sooner than this after the call (default ACCOUNT_RESPONSE_FLOOR_MS; tests pass 0). */
  minDurationMs?: number;
};

export async function signUp(input: unknown, options: SignUpOptions = {}): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsFromZod(parsed.error) };
  const { name, email, password } = parsed.data;
  const emailVerified = options.emailVerified === true;
  const deadline = Date.now() + (emailVerified ? 0 : (options.minDurationMs ?? ACCOUNT_RESPONSE_FLOOR_MS));

  const limiter = options.limiter ?? (await getRateLimiter());
  const now = options.now?.() ?? Date.now();
  if (options.ip) {
    const counted = await limiter.consume(signUpIpKey(options.ip), { ...SIGN_UP_IP_LIMIT, now });
    if (!counted.allowed) {
      logger.info(
        { event: "auth.sign_up_rate_limited", retry_after_seconds: counted.retryAfterSeconds },
        "sign-up rate limited",
      );
      return { ok: false, reason: "rate_limited", retryAfterSeconds: counted.retryAfterSeconds };
    }
  }

  // Hashed before looking the address up, so a known address costs the same bcrypt time.
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true } });

  let userId: string | null = null;
  let message: EmailMessage | null = null;
  if (existing) {
    logger.info(
      { event: "auth.sign_up_existing_email", target_user_id: existing.id },
      "sign-up for an address that already has an account",
    );
    if (!existing.disabledAt) message = await buildAccountExistsEmail(email, existing.name, options.origin);
  } else {
    const created = await createUser({ name, email, passwordHash, emailVerified });
    if (created) {
      userId = created.id;
      logger.info(
        { event: "auth.signed_up", target_user_id: created.id, email_verified: emailVerified },
        "account created",
      );
      if (created.token) message = await buildVerificationEmail(email, name, created.token, options.origin);
    } else {
      // Lost a race with a concurrent sign-up for the same address: it is an existing account now.
      logger.info({ event: "auth.sign_up_existing_email" }, "sign-up for an address created concurrently");
    }
  }

  if (message) {
    const cap = await limiter.consume(signUpEmailKey(email), { ...SIGN_UP_EMAIL_LIMIT, now });
    if (cap.allowed) await deliverWithin(message, deadline - Date.now());
    else logger.info({ event: "auth.sign_up_email_capped" }, "sign-up email not sent: too many for this address");
  }
  await sleepUntil(deadline);
  return { ok: true, userId };
}

type NewUser = { name: string; email: string; passwordHash: string; emailVerified: boolean };

/** Inserts the user, its verification token and the audit event in one transaction. Null when the address was taken meanwhile. */
async function createUser({
  name,
  email,
  passwordHash,
  emailVerified,
}: NewUser): Promise<{ id: string; token: string | null } | null> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name, email, passwordHash, emailVerifiedAt: emailVerified ? new Date() : null },
        select: { id: true },
      });
      const token = emailVerified ? null : (await createEmailToken(tx, user.id, "VERIFY_EMAIL")).token;
      enrichLogContext({ userId: user.id }); // the person signing up created their own account
      await recordAudit(tx, {
        action: "user.signed_up",
        targetType: "user",
        targetId: user.id,
        data: { email, emailVerified, method: emailVerified ? "invitation" : "password" },
      });
      return { id: user.id, token };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return null;
    throw err;
  }
}

async function buildAccountExistsEmail(to: string, name: string, origin?: string): Promise<EmailMessage> {
  const [signInLink, forgotPasswordLink] = await Promise.all([
    appUrl("/sign-in", origin),
    appUrl("/forgot-password", origin),
  ]);
  return { to, ...accountExistsEmail({ name, signInLink, forgotPasswordLink, appName: emailSettings().appName }) };
}
