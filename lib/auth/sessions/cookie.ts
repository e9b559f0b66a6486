// The session cookie as middleware.ts handles it: find it, decode it, and when it is due,
// rotate its session's generation and write the new cookie — on the response for the browser
// and on the forwarded request, so the page rendered for this very request sees it too.
// Server components cannot set cookies, which is why the rotation lives here.
import { decode, encode } from "next-auth/jwt";
import type { NextRequest, NextResponse } from "next/server";
import { authSecret } from "../secret";
import { isRefreshDue, type SessionClaims } from "./policy";
import { refreshSession, type SessionState } from "./store";
import { requestMetaFrom } from "@/lib/context/request-meta";
import { classifyDatabaseError, type DatabaseFailure } from "@/lib/db/unavailable";
import { SESSION_UNAVAILABLE_CLAIM } from "../session-unavailable";

/** The cookie lifetime; the server-side session decides how long it is really honoured. */
export const COOKIE_MAX_AGE_SECONDS = 8 * 60 * 60;

// Auth.js's names: the __Secure- prefix is used on https.
const NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type SessionCookieState =
  | { kind: "none" }
  | { kind: "valid"; claims: SessionClaims & { sub: string }; rotated: boolean }
  | { kind: "invalid" }
  /** The refresh could not reach the database: the cookie is left exactly as it is. */
  | { kind: "unavailable"; failure: DatabaseFailure };

type Found = { name: string; value: string };

function findCookie(request: NextRequest): Found | null {
  for (const name of NAMES) {
    const value = request.cookies.get(name)?.value;
    if (value) return { name, value };
  }
  return null;
}

/**
 * Reads the session cookie and refreshes it when due. Returns what the caller needs to decide
 * redirects, plus `apply(response)` to write (or clear) the cookie on the response.
 */
export async function refreshSessionCookie(
  request: NextRequest,
): Promise<{ state: SessionCookieState; apply(res: NextResponse): void }> {
  const found = findCookie(request);
  if (!found) return { state: { kind: "none" }, apply: () => {} };
  const secret = authSecret();
  const token = (await decode({ token: found.value, secret, salt: found.name }).catch(() => null)) as
    (Partial<SessionClaims> & { sub?: string }) | null;
  const clear = (res: NextResponse) => res.cookies.set(found.name, "", { path: "/", maxAge: 0 });
  if (
    !token?.sub ||
    typeof token.sid !== "string" ||
    typeof token.gen !== "number" ||
    typeof token.iat_ms !== "number"
  ) {
    request.cookies.delete(found.name);
    return { state: { kind: "invalid" }, apply: clear };
  }
  const claims = token as SessionClaims & { sub: string };
  if (!isRefreshDue(claims)) return { state: { kind: "valid", claims, rotated: false }, apply: () => {} };

  let refreshed: SessionState;
  try {
    const { ip, userAgent } = requestMetaFrom(request.headers);
    refreshed = await refreshSession(claims.sid, claims.gen, new Date(), { ip, userAgent });
  } catch (err) {
    const failure = classifyDatabaseError(err);
    if (!failure) throw err;
    return { state: { kind: "unavailable", failure }, apply: () => {} };
  }
  if (!refreshed.ok) {
    request.cookies.delete(found.name);
    return { state: { kind: "invalid" }, apply: clear };
  }
  const { [SESSION_UNAVAILABLE_CLAIM]: _stale, ...fresh } = token as typeof token & {
    [SESSION_UNAVAILABLE_CLAIM]?: unknown;
  };
  const next = { ...fresh, gen: refreshed.generation, iat_ms: Date.now(), pa: refreshed.platformAdmin };
  const value = await encode({ token: next, secret, salt: found.name, maxAge: COOKIE_MAX_AGE_SECONDS });
  request.cookies.set(found.name, value);
  return {
    state: { kind: "valid", claims: next as SessionClaims & { sub: string }, rotated: true },
    apply: (res) =>
      res.cookies.set(found.name, value, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: found.name.startsWith("__Secure-"),
        maxAge: COOKIE_MAX_AGE_SECONDS,
      }),
  };
}
