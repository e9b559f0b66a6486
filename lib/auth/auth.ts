// Auth.js (next-auth v5) set-up: email + password through the Credentials provider, which
// requires JWT sessions. The configuration is built lazily so that nothing (database,
// secret) is touched while Next.js builds the app.
import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "./authenticate";
import { authSecret } from "./secret";
import { logger } from "@/lib/log/logger";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Auth.js logs to the console by default; route it into the JSON log. A wrong password is
  // routine (info), anything else Auth.js reports is worth a warning.
  logger: {
    error(error) {
      const expected = error.name === "CredentialsSignin";
      logger[expected ? "info" : "warn"]({ event: "auth.error", type: error.name, err: expected ? undefined : error }, "Auth.js reported an error");
    },
    warn(code) {
      logger.warn({ event: "auth.warning", code }, "Auth.js warning");
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials) => authenticate(credentials),
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
