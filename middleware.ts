// Runs before every page and API request: gives the request an id (kept from the caller when
// well formed) and a CSP nonce, puts the security headers on the response, refreshes the
// session cookie when it is due (rotating its server-side generation), and sends signed-out
// visitors of the dashboard to sign-in and non-admins away from /admin. Next.js 16 prefers
// the name proxy.ts; the product's layout keeps middleware.ts while Next honours it. It runs
// on the Node.js runtime: the refresh reads and writes the session table.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/context/request-id";
import { malformedRequestResponse } from "@/lib/http/malformed-request";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { decideAccess } from "@/lib/auth/route-access";
import { refreshSessionCookie } from "@/lib/auth/sessions/cookie";
import { logger } from "@/lib/log/logger";
import { databaseOutageResponse } from "@/lib/http/outage-response";

async function sessionFor(request: NextRequest) {
  try {
    return await refreshSessionCookie(request);
  } catch (err) {
    // Database unavailable: leave the cookie alone; pages will fail (and say so) on their own.
    logger.error({ event: "auth.session_refresh_failed", err }, "session refresh failed");
    return null;
  }
}

export async function middleware(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const nonce = newNonce();
  const headers = securityHeaders(nonce, {
    dev: process.env.NODE_ENV !== "production",
    https: request.nextUrl.protocol === "https:",
  });

  const refused = malformedRequestResponse(request, requestId, headers);
  if (refused) return refused;

  const session = await sessionFor(request);
  const state = session?.state;
  const signedIn = state?.kind === "valid" ? { platformAdmin: !!state.claims.pa } : null;
  // Database unreachable (the refresh could not run, or a probe after a failure): 503, the
  // cookie untouched; never a redirect to sign-in (lib/http/outage-response.ts).
  const outage = await databaseOutageResponse(request, requestId, state);
  // A failed refresh (database down) is not "signed out": let the page decide.
  const decision =
    session && !outage && state?.kind !== "unavailable"
      ? decideAccess(request.nextUrl.pathname, request.nextUrl.search, signedIn)
      : { action: "next" as const };

  let response: NextResponse;
  if (outage) {
    response = outage;
  } else if (decision.action === "redirect") {
    response = NextResponse.redirect(new URL(decision.to, request.url));
  } else {
    // Next.js reads the nonce from the request's CSP header and applies it to its own scripts;
    // the root layout reads x-nonce for the theme script. The request's cookie header already
    // carries the refreshed session (set by refreshSessionCookie).
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(REQUEST_ID_HEADER, requestId);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  session?.apply(response);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  runtime: "nodejs",
  // CSV uploads skip middleware: Next buffers (and cuts at 10 MB) every body middleware sees,
  // and the upload route streams its body instead. Its guard still authenticates the request.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/tenants/[^/]+/citizens/imports$).*)" }],
};
