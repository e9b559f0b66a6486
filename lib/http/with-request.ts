// Wraps a route handler: gives it a request id (from middleware.ts or the caller), runs it
// inside the log context so every line carries that id, echoes the id on the response and
// maps any thrown error to the standard {"error":{…}} body. The identity layer's guard
// builds on this for authenticated routes.
import type { NextRequest } from "next/server";
import { runWithLogContext } from "@/lib/context/request-context";
import { REQUEST_ID_HEADER } from "@/lib/context/request-id";
import { requestMetaFrom } from "@/lib/context/request-meta";
import { errorResponse } from "@/lib/errors/route";
import { applyApiSecurityHeaders } from "@/lib/http/security-headers";

export type RouteHandler<P> = (req: NextRequest, info: { params: P; requestId: string }) => Promise<Response> | Response;

export function withRequest<P = Record<string, never>>(handler: RouteHandler<P>) {
  return async (req: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const meta = requestMetaFrom(req.headers);
    const { requestId } = meta;
    return runWithLogContext(meta, async () => {
      try {
        const res = await handler(req, { params: await segment.params, requestId });
        res.headers.set(REQUEST_ID_HEADER, requestId);
        return withSecurityHeaders(res);
      } catch (err) {
        return withSecurityHeaders(errorResponse(err, requestId));
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
