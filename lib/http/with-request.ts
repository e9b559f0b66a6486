// Wraps a route handler: gives it a request id (from middleware.ts or the caller), runs it
// inside the log context so every line carries that id, refuses state-changing requests from
// other origins (lib/http/origin-check.ts: before the handler, the session or the body is
// touched), echoes the id on the response and maps any thrown error to the standard
// {"error":{…}} body. The identity layer's guards build on this for authenticated routes.
import type { NextRequest } from "next/server";
import { runWithLogContext } from "@/lib/context/request-context";
import { REQUEST_ID_HEADER } from "@/lib/context/request-id";
import { requestMetaFrom } from "@/lib/context/request-meta";
import { configuredBaseUrl } from "@/lib/email/app-url";
import { ForbiddenError } from "@/lib/errors";
import { errorResponse } from "@/lib/errors/route";
import { logger } from "@/lib/log/logger";
import { decideOrigin, type OriginCheckExemption } from "./origin-check";
import { applyApiSecurityHeaders } from "@/lib/http/security-headers";

export type RouteHandler<P> = (
  req: NextRequest,
  info: { params: P; requestId: string },
) => Promise<Response> | Response;

export type WithRequestOptions = {
  /** The one way past the origin check: see OriginCheckExemption. No route uses one today. */
  originCheckExemption?: OriginCheckExemption;
};

/** Throws ForbiddenError when an unsafe request does not come from the app's own origin. */
export function assertSameOrigin(req: Request, exemption?: OriginCheckExemption): void {
  const appOrigin = configuredBaseUrl();
  const decision = decideOrigin({
    method: req.method,
    origin: req.headers.get("origin"),
    secFetchSite: req.headers.get("sec-fetch-site"),
    host: req.headers.get("host"),
    appOrigin,
    // Without APP_URL/AUTH_URL the app only knows itself by the Host it was reached at; in
    // development also when one is set, so localhost and 127.0.0.1 both work.
    allowRequestHost: !appOrigin || process.env.NODE_ENV === "development",
  });
  if (decision.allowed) return;
  if (exemption?.applies(req)) return;
  logger.warn(
    {
      event: "http.cross_origin_refused",
      reason: decision.reason,
      method: req.method,
      origin: req.headers.get("origin")?.slice(0, 100),
    },
    "cross-origin request refused",
  );
  throw new ForbiddenError("This request did not come from this site's own pages");
}

export function withRequest<P = Record<string, never>>(handler: RouteHandler<P>, options: WithRequestOptions = {}) {
  return async (req: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const meta = requestMetaFrom(req.headers);
    const { requestId } = meta;
    return runWithLogContext(meta, async () => {
      try {
        assertSameOrigin(req, options.originCheckExemption);
        const res = await handler(req, { params: await segment.params, requestId });
        res.headers.set(REQUEST_ID_HEADER, requestId);
        return withSecurityHeaders(res);
      } catch (err) {
        return withSecurityHeaders(errorResponse(err, requestId, new URL(req.url).pathname));
      }
    });
  };
}

// Every route handler's response carries the security headers, also where middleware does
// not run (the CSV upload route). Streams and redirects keep their headers object mutable.
function withSecurityHeaders(res: Response): Response {
  try {
    applyApiSecurityHeaders(res.headers);
    return res;
  } catch {
    // Immutable headers (a Response.redirect or a fetched response): copy it once.
    const copy = new Response(res.body, res);
    applyApiSecurityHeaders(copy.headers);
    return copy;
  }
}
