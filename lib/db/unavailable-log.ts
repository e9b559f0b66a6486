// The one error line an outage-failed request writes: request id, tenant, user, route and the
// database's error code, rate-limited per (code, route) so a polling client or a crowd of
// them during a restart writes one line per window plus the count it left out.
import { AppError, WriteOutcomeUnknownError } from "@/lib/errors/app-error";
import { createLogThrottle } from "@/lib/errors/log-throttle";
import { currentLogContext } from "@/lib/context/request-context";
import { logger } from "@/lib/log/logger";
import { routeAccess } from "@/lib/auth/route-access";
import { classifyDatabaseError, DatabaseUnavailableError } from "./unavailable";

export const OUTAGE_LOG_WINDOW_MS = 10_000;

const g = globalThis as unknown as { civitasOutageLogThrottle?: ReturnType<typeof createLogThrottle> };
const throttle = (g.civitasOutageLogThrottle ??= createLogThrottle(OUTAGE_LOG_WINDOW_MS));

export type OutageLogFields = { requestId?: string; route?: string; tenant?: string; userId?: string };

/** True for the errors this line is for (the mappers log everything else their own way). */
export function isDatabaseOutageError(err: unknown): err is AppError {
  return err instanceof DatabaseUnavailableError || err instanceof WriteOutcomeUnknownError;
}

/** The tenant slug a path names: `/api/tenants/<slug>/…` or a dashboard page `/<slug>/…`. */
export function tenantSlugFromPath(path: string): string | undefined {
  const api = /^\/api\/tenants\/([^/?]+)/.exec(path);
  if (api) return api[1];
  const segment = /^\/([^/?]+)/.exec(path)?.[1];
  return segment && routeAccess(path) === "signed-in" ? segment : undefined;
}

export function logDatabaseOutage(err: unknown, fields: OutageLogFields = {}): void {
  const failure = classifyDatabaseError(err);
  const code = err instanceof AppError ? err.code : "UNAVAILABLE";
  const route = fields.route ?? "unknown";
  const decision = throttle.check(`${failure?.code ?? "?"}|${code}|${route}`);
  if (!decision.log) return;
  const ctx = currentLogContext();
  const tenant = fields.tenant ?? tenantSlugFromPath(route);
  const userId = fields.userId ?? ctx?.userId ?? (err instanceof DatabaseUnavailableError ? err.userId : undefined);
  logger.error(
    {
      event: "db.unavailable",
      request_id: fields.requestId ?? ctx?.requestId,
      ...(ctx?.tenantId ? { tenant_id: ctx.tenantId } : tenant ? { tenant } : {}),
      ...(userId ? { user_id: userId } : {}),
      route,
      code,
      db_code: failure?.code,
      db_failure: failure?.kind,
      ...(decision.suppressed > 0 ? { suppressed: decision.suppressed } : {}),
    },
    code === "WRITE_OUTCOME_UNKNOWN"
      ? "database connection lost while saving: outcome unknown"
      : "database unavailable",
  );
}
