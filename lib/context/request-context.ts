// The per-request facts every log line, every tenant-scoped query and every audit event needs,
// carried through async calls by AsyncLocalStorage so nobody has to thread them by hand.
// Guards (lib/auth/guard.ts, lib/http/with-request.ts) open one per request; page renders use
// the HTTP hook's request record (lib/context/request-record.ts); scripts and jobs run in an
// explicit system context (runAsSystem). recordAudit reads actor and request facts from here only.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "@/lib/generated/prisma/enums";
import { newRequestId } from "./request-id";
import { currentRequestRecord, type RequestRecord } from "./request-record";

/** What a business function needs to act for someone inside one tenant. */
export type TenantContext = {
  tenantId: string;
  userId: string;
  role: Role;
  requestId: string;
};

/** Who an audit event says acted. */
export type ActorType = "user" | "platform_admin" | "system" | "anonymous";

/** The code that runs outside any request, each with its own system context. */
export const SYSTEM_KINDS = ["seed", "migration", "crypto_rotate", "admin_script", "job", "stripe_webhook"] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/** What the log context holds; fields fill in as the request is authenticated. */
export type LogContext = RequestRecord & {
  aiFeature?: string;
  /** Set by the platform guards ("platform_admin") and runAsSystem ("system"); default: user or anonymous. */
  actorType?: ActorType;
  /** Which system process this is, when actorType is "system". */
  system?: SystemKind;
};

const storage = new AsyncLocalStorage<LogContext>();

export function runWithLogContext<T>(ctx: LogContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/**
 * Runs `fn` as the system (seed, migration, key rotation, admin script, job handler): a fresh
 * request id, no user, actorType "system". Code outside a request must use this to audit.
 */
export function runAsSystem<T>(kind: SystemKind, fn: () => T): T {
  return storage.run({ requestId: newRequestId(), actorType: "system", system: kind }, fn);
}

/** The guard's context, else the HTTP request's record (page renders), else none. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore() ?? currentRequestRecord();
}

/** Adds fields (tenant, user, actor type, AI feature) to the current request's context, if any. */
export function enrichLogContext(fields: Partial<Omit<LogContext, "requestId">>): void {
  const store = currentLogContext();
  if (store) Object.assign(store, fields);
  // The access log's record of this request (lib/context/request-record.ts) learns who it was.
  const record = currentRequestRecord();
  if (record && record !== store) {
    if (fields.tenantId) record.tenantId = fields.tenantId;
    if (fields.userId) record.userId = fields.userId;
  }
}
