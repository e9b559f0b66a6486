// JSON-lines logging. Every line written inside a request carries request_id, tenant_id,
// user_id (and ai_feature inside an AI call), read from the AsyncLocalStorage context, so
// call sites never pass them by hand.
import pino from "pino";
import { currentLogContext } from "@/lib/context/request-context";

function contextFields(): Record<string, string> {
  const ctx = currentLogContext();
  if (!ctx) return {};
  const fields: Record<string, string> = { request_id: ctx.requestId };
  if (ctx.tenantId) fields.tenant_id = ctx.tenantId;
  if (ctx.userId) fields.user_id = ctx.userId;
  if (ctx.aiFeature) fields.ai_feature = ctx.aiFeature;
  return fields;
}

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

// Read directly rather than through getConfig(): logging must work even while the
// configuration itself is being reported as invalid (a bad LOG_LEVEL included).
function logLevel(): string {
  const wanted = process.env.LOG_LEVEL;
  if (wanted && LEVELS.has(wanted)) return wanted;
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

function createLogger(destination?: pino.DestinationStream, level = logLevel()) {
  return pino(
    {
      level,
      base: { service: "civitas" },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      formatters: { level: (label) => ({ level: label }) },
      mixin: contextFields,
      redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie"], censor: "[redacted]" },
    },
    destination,
  );
}

export type Logger = pino.Logger;

const globalForLog = globalThis as unknown as { civitasLogger?: Logger };
export const logger: Logger = (globalForLog.civitasLogger ??= createLogger());

/** A logger writing to the given stream; tests use it to read the lines back. */
export function createLoggerForTests(destination: pino.DestinationStream): Logger {
  return createLogger(destination, "trace");
}
