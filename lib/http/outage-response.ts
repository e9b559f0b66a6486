// middleware.ts's answer while the database is unreachable: 503 with Retry-After, the session
// cookie untouched. Pages get a small self-refreshing "we can't reach the database" page (no
// script needed, so it works whatever the CSP), APIs the standard error body. A page that
// starts rendering and then fails can only answer 500 (Next has no 503 for a render), so the
// gate answers first: when the cookie refresh could not reach the database, or when something
// has failed since the database was last seen working and a one-query probe still fails.
// Server actions are let through: they report the outage in their own result, which the form
// (or the optimistic control, rolling back) shows.
import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/lib/db";
import { databaseDownSince, noteDatabaseUp, probeDatabase } from "@/lib/db/availability";
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError, type DatabaseFailure } from "@/lib/db/unavailable";
import { logDatabaseOutage } from "@/lib/db/unavailable-log";
import { errorResponse } from "@/lib/errors/route";
import type { SessionCookieState } from "@/lib/auth/sessions/cookie";
import { routeAccess } from "@/lib/auth/route-access";

// Readiness and liveness answer for themselves (a load balancer reads their bodies).
const OWN_ANSWER = new Set(["/api/health", "/api/ready"]);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${DATABASE_RETRY_AFTER_SECONDS + 3}">
<title>Database unavailable · Civitas</title>
<style>body{font-family:system-ui,sans-serif;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0;color:#0f172a;background:#f8fafc}main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.25rem}p{color:#475569;font-size:.875rem}</style>
</head>
<body>
<main role="alert" aria-live="polite">
<h1>We can't reach the database — retrying</h1>
<p>This page reloads by itself every few seconds. You are still signed in, and nothing you saved before is lost.</p>
</main>
</body>
</html>
`;

function isServerAction(request: NextRequest): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

async function currentFailure(state: SessionCookieState | undefined): Promise<DatabaseFailure | null> {
  if (state?.kind === "unavailable") return state.failure;
  if (state?.kind !== "valid") return null; // signed-out pages have nothing to check yet
  if (state.rotated) {
    noteDatabaseUp(); // the refresh has just written to it
    return null;
  }
  if (!databaseDownSince()) return null;
  return probeDatabase(async () => (await getDatabase()).base.$queryRaw`SELECT 1`);
}

/** The 503 to send instead of running the page or route, or null to go on. */
export async function databaseOutageResponse(
  request: NextRequest,
  requestId: string,
  state: SessionCookieState | undefined,
): Promise<NextResponse | null> {
  const path = request.nextUrl.pathname;
  if (OWN_ANSWER.has(path) || isServerAction(request)) return null;
  // Public pages and files (sign-in, the landing page, the icon) need no database to show.
  if (!path.startsWith("/api/") && routeAccess(path) === "public") return null;
  const failure = await currentFailure(state);
  if (!failure) return null;
  const err = new DatabaseUnavailableError(failure, { userId: state?.kind === "valid" ? state.claims.sub : undefined });
  if (path.startsWith("/api/")) return errorResponse(err, requestId, path);
  logDatabaseOutage(err, { requestId, route: path });
  return new NextResponse(PAGE, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "retry-after": String(DATABASE_RETRY_AFTER_SECONDS),
      "cache-control": "no-store",
    },
  });
}
