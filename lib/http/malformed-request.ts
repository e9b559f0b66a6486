// Requests Next.js itself would fail on before any of our code runs, answered by middleware.ts
// with the normal error body (API) or a 404 page, and logged:
// - a path segment that is not valid UTF-8 once percent-decoded (`/demo/citizens/%FF`): Next's
//   route matcher calls decodeURIComponent on the dynamic params and answered with an unlogged
//   plain-text 500;
// - a server action body over the limit (lib/http/action-body.ts): Next throws "Body exceeded
//   1 MB limit" from the action handler, a 500 for the caller.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER } from "@/lib/context/request-id";
import type { ErrorBody } from "@/lib/errors/serialize";
import { logger } from "@/lib/log/logger";
import { ACTION_BODY_LIMIT_BYTES } from "./action-body";

/** True when every segment of the raw (still encoded) path decodes. */
export function pathDecodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

const NOT_FOUND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>Page not found</h1><p>This address does not exist.</p><p><a href="/">Go to the start page</a></p></main></body></html>`;

function errorJson(status: number, body: ErrorBody, requestId: string): NextResponse {
  return NextResponse.json(body, { status, headers: { [REQUEST_ID_HEADER]: requestId, "cache-control": "no-store" } });
}

/**
 * The response for a request Next would fail on (with the middleware's security headers), or
 * null to go on. The middleware calls it first.
 */
export function malformedRequestResponse(
  request: NextRequest,
  requestId: string,
  headers: Record<string, string>,
): NextResponse | null {
  const response = refusal(request, requestId);
  for (const [name, value] of Object.entries(response ? headers : {})) response!.headers.set(name, value);
  return response;
}

function refusal(request: NextRequest, requestId: string): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (!pathDecodes(pathname)) {
    // The path may hold anything: log a bounded, still-encoded excerpt only.
    logger.warn(
      { event: "http.malformed_path", request_id: requestId, method: request.method, path: pathname.slice(0, 200) },
      "path is not valid percent-encoded UTF-8",
    );
    if (pathname.startsWith("/api/"))
      return errorJson(
        404,
        { error: { code: "NOT_FOUND", message: "Not found: the address is not valid UTF-8" } },
        requestId,
      );
    return new NextResponse(NOT_FOUND_PAGE, {
      status: 404,
      headers: {
        "content-type": "text/html; charset=utf-8",
        [REQUEST_ID_HEADER]: requestId,
        "cache-control": "no-store",
      },
    });
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > ACTION_BODY_LIMIT_BYTES) {
      logger.warn(
        { event: "http.action_body_too_large", request_id: requestId, bytes: length, limit: ACTION_BODY_LIMIT_BYTES },
        "server action body over the limit",
      );
      return errorJson(
        413,
        {
          error: {
            code: "VALIDATION_FAILED",
            message: "The form is too large to send (over 1 MB): shorten the longest texts and try again.",
          },
        },
        requestId,
      );
    }
  }
  return null;
}
