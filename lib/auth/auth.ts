// Auth.js (next-auth v5) set-up: email + password through the Credentials provider, which
// requires JWT sessions. The configuration is built lazily so that nothing (database,
// secret) is touched while Next.js builds the app.
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { authenticate } from "./authenticate";
import { authSecret } from "./secret";
import { logger } from "@/lib/log/logger";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

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

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Auth.js logs to the console by default; route it into the JSON log. A wrong password is
  // routine (info), anything else Auth.js reports is worth a warning.
  logger: {
    error(error) {
      // instanceof, not the name: production builds minify class names.
      const expected = error instanceof CredentialsSignin;
      logger[expected ? "info" : "warn"]({ event: "auth.error", kind: expected ? "credentials_signin" : "other", err: expected ? undefined : error }, "Auth.js reported an error");
    },
    warn(code) {
      logger.warn({ event: "auth.warning", code }, "Auth.js warning");
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await authenticate({ ...credentials, ip: clientIpFrom(request?.headers) });
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new SignInRateLimited(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
