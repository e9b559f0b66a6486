// The limits on password sign-in, in one place, and the keys and wording they use. Pure (no
// server-only imports) so unit tests and the sign-in form's action can share it.
import { keyDigest } from "./key-digest";

const FIFTEEN_MINUTES = 15 * 60;

/** Failed attempts per account before it is locked, the window they count in, and the lockout. */
export const ACCOUNT_LIMIT = { limit: 50, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES } as const;
/** Failed attempts per client IP (offices share one address, so higher than per account). */
export const IP_LIMIT = { limit: 100, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES } as const;

// Emails and IPs are personal data: the stores only ever see a digest of them.

/** The account key: the email as the sign-in schema normalises it (trimmed, lower-case). */
export function accountKey(email: string): string {
  return `signin:account:${keyDigest(email.trim().toLowerCase())}`;
}

export function ipKey(ip: string): string {
  return `signin:ip:${keyDigest(ip.trim().toLowerCase())}`;
}

/** What a rate-limited user reads. The same for every email, known or not. */
export function rateLimitedMessage(retryAfterSeconds?: number): string {
  return `Too many sign-in attempts. Please try again ${retryAfterPhrase(retryAfterSeconds)}.`;
}

export function retryAfterPhrase(seconds?: number): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return "later";
  if (seconds < 60) return "in under a minute";
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(minutes / 60);
  return `in about ${hours} hour${hours === 1 ? "" : "s"}`;
}
