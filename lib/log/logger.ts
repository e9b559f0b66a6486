// JSON-lines logging. Every line written inside a request carries request_id, tenant_id,
// user_id (and ai_feature inside an AI call), read from the AsyncLocalStorage context, so
// call sites never pass them by hand.
import pino from "pino";
import { currentLogContext } from "@/lib/context/request-context";
import { scrubText, scrubValue } from "./scrub";

function contextFields(): Record<string, string> {
  const ctx = currentLogContext();
  if (!ctx) return {};
  const fields: Record<string, string> = { request_id: ctx.requestId };
  if (ctx.tenantId) fields.tenant_id = ctx.tenantId;
  if (ctx.userId) fields.user_id = ctx.userId;
  if (ctx.aiFeature) fields.ai_feature = ctx.aiFeature;
  return fields;
}

/** Fields redacted by name, at the top level and one level down. */
const SECRET_FIELDS = [
  "password",
  "passwordHash",
  "newPassword",
  "currentPassword",
  "token",
  "tokenHash",
  "secret",
  "authorization",
  "cookie",
  "email",
  "to",
  "nationalId",
  "national_id",
  "text",
  "html",
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]);

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
      // Every string written is scrubbed of addresses, token links and national ids
      // (lib/log/scrub.ts): the message, each field, and errors once serialised.
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (err: Error) => scrubValue(pino.stdSerializers.err(err)) },
      mixin: contextFields,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
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
