// How long a session cookie is trusted on its own, and how a session family lives. Client-safe
// numbers only (middleware.ts and the Auth.js callbacks read them).

/** A session JWT older than this is refreshed (its generation rotated) on the next request. */
export const ROTATE_AFTER_MS = 5 * 60_000;
/**
 * A JWT not refreshed for this long is refused outright: the cookie is short-lived, the
 * server-side session is what lasts. Middleware refreshes well before this.
 */
export const ACCESS_TTL_MS = 15 * 60_000;
/**
 * After a rotation the previous generation stays acceptable this long, so requests that were
 * already in flight (several tabs, parallel fetches) with the old cookie do not look like
 * reuse. Anything older than the previous generation, or the previous one after this, is reuse.
 */
export const REUSE_GRACE_MS = 60_000;
/** A session unused for this long ends (sliding, moved on every refresh). */
export const IDLE_TIMEOUT_MS = 8 * 60 * 60_000;
/** And no session lives longer than this, however active. */
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60_000;

/** What the session JWT carries besides `sub` (the user id). */
export type SessionClaims = {
  /** AuthSession id (the family). */
  sid: string;
  /** Generation the cookie was issued at. */
  gen: number;
  /** When this generation was issued (ms since epoch). */
  iat_ms: number;
  /** Platform admin (for middleware's /admin redirect; the admin pages re-check the database). */
  pa?: boolean;
};

export function isRefreshDue(claims: Pick<SessionClaims, "iat_ms">, now = Date.now()): boolean {
  return now - claims.iat_ms >= ROTATE_AFTER_MS;
}

export function isAccessExpired(claims: Pick<SessionClaims, "iat_ms">, now = Date.now()): boolean {
  return now - claims.iat_ms >= ACCESS_TTL_MS;
}
