// Pages that failed because the database could not be reached (instrumentation.ts's
// onRequestError): the same one rate-limited line as the APIs and actions write. Route handlers
// and server actions map their own errors and never get here.
import { REQUEST_ID_HEADER } from "@/lib/context/request-id";
import { isDatabaseOutageError, logDatabaseOutage } from "./unavailable-log";

type RequestInfo = { path: string; headers: Record<string, string | string[] | undefined> };

export function reportRenderError(err: unknown, request: RequestInfo): void {
  if (!isDatabaseOutageError(err)) return; // Next.js logs every other render error itself
  const id = request.headers[REQUEST_ID_HEADER];
  logDatabaseOutage(err, { requestId: Array.isArray(id) ? id[0] : id, route: request.path.split("?")[0] });
}
