// The one mapper for route handlers: AppError → {"error":{code,message,details}} with its status.
import { NextResponse } from "next/server";
import { normalizeError } from "./serialize";
import { REQUEST_ID_HEADER } from "@/lib/context/request-id";

export function errorResponse(err: unknown, requestId: string | undefined, route?: string): NextResponse {
  const { status, body, retryAfter } = normalizeError(err, requestId, route);
  const headers = new Headers();
  if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
  if (retryAfter) headers.set("retry-after", String(Math.ceil(retryAfter)));
  return NextResponse.json(body, { status, headers });
}
