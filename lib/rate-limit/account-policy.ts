// The limits on the account lifecycle endpoints (sign-up, verification emails, password reset),
// in one place, with the keys they count under. Like sign-in-policy.ts: pure, and the stores
// only ever see a digest of an email or an IP, never the value.
import { keyDigest } from "./key-digest";
import { retryAfterPhrase } from "./sign-in-policy";

const FIFTEEN_MINUTES = 15 * 60;
const ONE_HOUR = 60 * 60;

/** Sign-ups per client IP: enough for an office creating its team, not for a bot farm. */
export const SIGN_UP_IP_LIMIT = { limit: 10, windowSeconds: ONE_HOUR } as const;
/**
 * Sign-up emails per address (verification or "you already have an account"). Past it the
 * answer stays the same and no email goes out, so nobody can flood an inbox through the form.
 */
export const SIGN_UP_EMAIL_LIMIT = { limit: 3, windowSeconds: ONE_HOUR } as const;
/** "Send me a new verification link" per account. */
export const VERIFY_RESEND_LIMIT = { limit: 5, windowSeconds: ONE_HOUR } as const;
/** Reset requests per account (known or not: the answer must not differ). */
export const RESET_ACCOUNT_LIMIT = { limit: 5, windowSeconds: ONE_HOUR } as const;
/** Reset requests per client IP (offices share one address, so higher than per account). */
export const RESET_IP_LIMIT = { limit: 20, windowSeconds: FIFTEEN_MINUTES } as const;
/** Password changes (wrong current password guesses included) per signed-in account. */
export const CHANGE_PASSWORD_LIMIT = {
  limit: 10,
  windowSeconds: FIFTEEN_MINUTES,
  blockSeconds: FIFTEEN_MINUTES,
} as const;

/**
 * Sign-up and reset requests answer no sooner than this. The work differs between a known and
 * an unknown email (a token, an audit event, an email); padding every answer to the same floor
 * hides the difference, and email delivery slower than the floor carries on in the background.
 */
export const ACCOUNT_RESPONSE_FLOOR_MS = 600;

const digest = (value: string) => keyDigest(value.trim().toLowerCase());

export const signUpIpKey = (ip: string) => `signup:ip:${digest(ip)}`;
export const signUpEmailKey = (email: string) => `signup:email:${digest(email)}`;
export const verifyResendKey = (userId: string) => `verify:resend:${digest(userId)}`;
export const resetAccountKey = (email: string) => `reset:account:${digest(email)}`;
export const resetIpKey = (ip: string) => `reset:ip:${digest(ip)}`;
export const changePasswordKey = (userId: string) => `password:change:${digest(userId)}`;

/** What a rate-limited user reads on the account forms. The same for every email, known or not. */
export function tooManyAttemptsMessage(retryAfterSeconds?: number): string {
  return `Too many attempts. Please try again ${retryAfterPhrase(retryAfterSeconds)}.`;
}
