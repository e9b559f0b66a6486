// Which paths need a signed-in user, which need a platform admin: the coarse decision
// middleware.ts makes before any page renders. Pages and guards still check for themselves;
// this only turns a signed-out visit into a redirect to sign-in instead of a flash of a page.

const PUBLIC_EXACT = new Set(["/", "/pricing", "/favicon.ico", "/icon.svg", "/robots.txt"]);
const PUBLIC_PREFIXES = [
  "/sign-in",
  "/sign-up",
  "/sign-out",
  "/verify-email",
  "/forgot-password",
  "/reset-password",
  "/invitations",
  "/dev",
  "/api",
  "/_next",
];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export type RouteAccess = "public" | "signed-in" | "platform-admin";

export function routeAccess(pathname: string): RouteAccess {
  if (PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((p) => under(pathname, p))) return "public";
  if (under(pathname, "/admin")) return "platform-admin";
  return "signed-in";
}

export type AccessDecision = { action: "next" } | { action: "redirect"; to: string };

/** What middleware does with a request, given the path and who (if anyone) is signed in. */
export function decideAccess(
  pathname: string,
  search: string,
  session: { platformAdmin: boolean } | null,
): AccessDecision {
  const need = routeAccess(pathname);
  if (need === "public") return { action: "next" };
  if (!session) return { action: "redirect", to: `/sign-in?callbackUrl=${encodeURIComponent(pathname + search)}` };
  // A signed-in non-admin on /admin goes on to the page, whose platform guard answers 404 with
  // a way back into the app; redirecting to "/" showed the marketing page and its "Sign in"
  // to someone already signed in (issue #13).
  return { action: "next" };
}
