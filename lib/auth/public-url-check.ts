// The start-up check that the app has one public URL: AUTH_URL, when set at all, must agree
// with APP_URL (lib/auth/public-url.ts explains why Auth.js must not have a URL of its own).
// Plain code without imports: the configuration schema runs it.

/** Where Auth.js is mounted (app/api/auth/[...nextauth]); next-auth's default base path. */
export const AUTH_BASE_PATH = "/api/auth";

/**
 * Why AUTH_URL and APP_URL disagree, or null when they are consistent (either unset, or AUTH_URL
 * on APP_URL's origin at "/" or the Auth.js base path). Run by the configuration check at
 * start-up, so a server with two public URLs does not start.
 */
export function publicUrlProblem(c: { APP_URL?: string; AUTH_URL?: string }): string | null {
  if (!c.AUTH_URL || !c.APP_URL) return null;
  const auth = new URL(c.AUTH_URL);
  const app = new URL(c.APP_URL);
  if (auth.origin !== app.origin)
    return `must be on APP_URL's origin (${app.origin}), or be left unset: Auth.js would send people to ${auth.origin}`;
  const path = auth.pathname.replace(/\/+$/, "") || "/";
  if (path !== "/" && path !== AUTH_BASE_PATH)
    return `must have no path or ${AUTH_BASE_PATH} (Auth.js is served there), not ${auth.pathname}`;
  return null;
}
