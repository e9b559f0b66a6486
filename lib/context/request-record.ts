// One mutable record per HTTP request, opened by the Node server hook
// (lib/context/http-request-hook.ts) before Next.js sees the request and read back when the
// response has finished, for the access log. It is also the request context of code that runs
// outside a guard's own context (page renders, Auth.js's reads in them): the guards fill in
// tenant and user through enrichLogContext. Kept on globalThis: Next bundles instrumentation,
// middleware and each route separately, and they must all share one store.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestRecord = {
  requestId: string;
  tenantId?: string;
  userId?: string;
  /** The client's address and browser, for audit events (never logged on every line). */
  ip?: string;
  userAgent?: string;
};

const KEY = Symbol.for("civitas.requestRecordStorage");
const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestRecord> | undefined>;
const storage: AsyncLocalStorage<RequestRecord> = (g[KEY] ??= new AsyncLocalStorage<RequestRecord>());

export function runWithRequestRecord<T>(record: RequestRecord, fn: () => T): T {
  return storage.run(record, fn);
}

export function currentRequestRecord(): RequestRecord | undefined {
  return storage.getStore();
}
