// Runs a business function the way a guard would: inside a request context for one user and
// request id (lib/context/request-context.ts), so audit events and logs see who acted and in
// which request. Integration tests call lib/ functions directly, outside any request.
import { randomUUID } from "node:crypto";
import { runWithLogContext, type LogContext } from "@/lib/context/request-context";

export function inRequestContext<T>(
  ctx: { userId?: string; tenantId?: string; requestId?: string; ip?: string; userAgent?: string },
  fn: () => T,
): T {
  const full: LogContext = { ...ctx, requestId: ctx.requestId ?? `test-${randomUUID()}` };
  return runWithLogContext(full, fn);
}
