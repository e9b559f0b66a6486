// Runs a business function the way a guard would: inside a request context for one user and
// request id (lib/context/request-context.ts), so audit events and logs see who acted and in
// which request. Integration tests call lib/ functions directly, outside any request.
import { randomUUID } from "node:crypto";
import { runWithLogContext, type LogContext } from "@/lib/context/request-context";
import { runWithRequestRecord } from "@/lib/context/request-record";

export function inRequestContext<T>(ctx: Partial<LogContext>, fn: () => T): T {
  const full: LogContext = { ...ctx, requestId: ctx.requestId ?? `test-${randomUUID()}` };
  return runWithLogContext(full, fn);
}

/** Runs `fn` as an HTTP request of its own (the server hook's record), e.g. a fixture's sign-up. */
export function inOwnRequest<T>(fn: () => T): T {
  return runWithRequestRecord({ requestId: `test-${randomUUID()}` }, fn);
}
