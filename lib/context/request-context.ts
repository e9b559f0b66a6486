// The per-request facts every log line and every tenant-scoped query needs, carried through
// async calls by AsyncLocalStorage so nobody has to thread them by hand.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "@/lib/generated/prisma/enums";
import { currentRequestRecord } from "./request-record";

/** What a business function needs to act for someone inside one tenant. */
export type TenantContext = {
  tenantId: string;
  userId: string;
  role: Role;
  requestId: string;
};

/** What the log context holds; fields fill in as the request is authenticated. */
export type LogContext = {
  requestId: string;
  tenantId?: string;
  userId?: string;
  aiFeature?: string;
  /** The client's address and browser, for audit events (never logged on every line). */
  ip?: string;
  userAgent?: string;
};

const storage = new AsyncLocalStorage<LogContext>();

export function runWithLogContext<T>(ctx: LogContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Adds fields (tenant, user, AI feature) to the current request's log context, if any. */
export function enrichLogContext(fields: Partial<Omit<LogContext, "requestId">>): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
  // The access log's record of this request (lib/context/request-record.ts) learns who it was.
  const record = currentRequestRecord();
  if (record) {
    if (fields.tenantId) record.tenantId = fields.tenantId;
    if (fields.userId) record.userId = fields.userId;
  }
}
