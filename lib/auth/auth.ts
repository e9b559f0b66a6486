// Auth.js (next-auth v5) set-up: email + password (Credentials, which requires JWT sessions)
// and OAuth providers when configured. The JWT is only a short-lived carrier of a server-side
// session (lib/auth/sessions): every check reads the session row, and middleware.ts rotates
// the generation when the cookie is due. The configuration is built lazily so that nothing
// (database, secret) is touched while Next.js builds the app.
import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { recordAudit } from "@/lib/audit/record";
import { currentLogContext, enrichLogContext } from "@/lib/context/request-context";
import { logger } from "@/lib/log/logger";
import { authenticate } from "./authenticate";
import { oauthProviders } from "./oauth";
import { oauthSignIn } from "./oauth-sign-in";
import { authErrorChain } from "./auth-error-log";
import { pinAuthJsUrl } from "./public-url";
import { authRedirect } from "./safe-redirect";
import { authSecret } from "./secret";
import { COOKIE_MAX_AGE_SECONDS } from "./sessions/cookie";
import { isAccessExpired, type SessionClaims } from "./sessions/policy";
import { checkSession, startSession } from "./sessions/store";
import { getDb } from "@/lib/db";
import { classifyDatabaseError } from "@/lib/db/unavailable";
import { SESSION_UNAVAILABLE_CLAIM } from "./session-unavailable";

/**
 * Sign-in refused by the brute-force limits (not by the password). Auth.js passes it through
 * signIn() unchanged, so the sign-in action can show "try again later" instead of "wrong
 * credentials". `code` lands in the error URL: it says nothing about whether the email exists.
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super("sign-in rate limited");
  }
}

/** The Auth.js configuration for one request (also run by the route handler, lib/auth/auth-route.ts). */
export const authConfig = (): NextAuthConfig => {
  // Every URL Auth.js hands out is built on APP_URL, never on the request (lib/auth/public-url.ts).
  pinAuthJsUrl();
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: COOKIE_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // Auth.js logs to the console by default; route it into the JSON log. A wrong password is
    // routine (info), anything else Auth.js reports is worth a warning, with its cause chain
    // (the outer CallbackRouteError alone says nothing) and no codes or tokens.
    logger: {
      error(error) {
        // instanceof, not the name: production builds minify class names.
        const expected = error instanceof CredentialsSignin;
        logger[expected ? "info" : "warn"](
          {
            event: "auth.error",
            kind: expected ? "credentials_signin" : "other",
            causes: expected ? undefined : authErrorChain(error),
          },
          "Auth.js reported an error",
        );
      },
      warn(code) {
        logger.warn({ event: "auth.warning", code }, "Auth.js warning");
      },
      debug() {},
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          // The client's address from the request context (the sign-in action's or the route's).
          const result = await authenticate({ ...credentials, ip: currentLogContext()?.ip });
          if (result.ok) return result.user;
          if (result.reason === "rate_limited") throw new SignInRateLimited(result.retryAfterSeconds);
          return null;
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      // Auth.js's own callbackUrl (query, form field, cookie) goes through the app's one
      // redirect decision; its default would throw (a 500) on a value `new URL` cannot parse.
      redirect: authRedirect,
      // OAuth: link or create the user, or back to sign-in with a code that says why not.
      signIn: oauthSignIn,
      async jwt({ token, user, account }) {
        if (user?.id) {
          // A sign-in: the request now acts for this user (its audit events, the access line);
          // open a server-side session family with the request's device and address.
          enrichLogContext({ userId: user.id });
          const meta = currentLogContext();
          const { sessionId, generation } = await startSession(user.id, {
            ip: meta?.ip,
            userAgent: meta?.userAgent,
            method: account?.provider ?? "credentials",
          });
          const db = await getDb();
          const row = await db.user.findUnique({
            where: { id: user.id },
            select: { platformRole: true, email: true, name: true },
          });
          await recordAudit(db, {
            action: "auth.signed_in",
            targetType: "session",
            targetId: sessionId,
            data: { method: account?.provider ?? "credentials" },
          });
          const claims: SessionClaims = {
            sid: sessionId,
            gen: generation,
            iat_ms: Date.now(),
            pa: row?.platformRole === "ADMIN",
          };
          return { sub: user.id, email: row?.email ?? user.email, name: row?.name ?? user.name, ...claims };
        }
        // Every later read: the cookie must be recent (middleware refreshes it) and its
        // session live at this generation. Null signs the browser out.
        const { [SESSION_UNAVAILABLE_CLAIM]: _stale, ...current } = token as typeof token & {
          [SESSION_UNAVAILABLE_CLAIM]?: unknown;
        };
        const claims = current as Partial<SessionClaims>;
        if (typeof claims.iat_ms !== "number" || isAccessExpired({ iat_ms: claims.iat_ms })) return null;
        try {
          const state = await checkSession(claims.sid, claims.gen);
          return state.ok ? current : null;
        } catch (err) {
          // The database could not answer: that is not "signed out". Auth.js would swallow a
          // throw here into "no session" and clear the cookie, so the failure travels as a
          // claim instead; currentUser() turns it into a 503 and the cookie stays valid.
          const failure = classifyDatabaseError(err);
          if (!failure) throw err;
          return { ...current, [SESSION_UNAVAILABLE_CLAIM]: failure };
        }
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        const claims = token as Partial<SessionClaims>;
        Object.assign(session, { sessionId: claims.sid, platformAdmin: claims.pa === true });
        const unavailable = (token as { [SESSION_UNAVAILABLE_CLAIM]?: unknown })[SESSION_UNAVAILABLE_CLAIM];
        if (unavailable) Object.assign(session, { [SESSION_UNAVAILABLE_CLAIM]: unavailable });
        return session;
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? (message.token as (Partial<SessionClaims> & { sub?: string }) | null) : null;
        if (!token?.sid || !token.sub) return;
        enrichLogContext({ userId: token.sub }); // the person signing out ends their own session
        const { revokeSession } = await import("./sessions/revoke");
        const db = await getDb();
        await db.$transaction((tx) => revokeSession(tx, token.sub!, token.sid!, "sign_out"));
      },
    },
  };
};

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
