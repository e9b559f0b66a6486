// Shared by the route and action mappers: what the caller may see of an error, and logging
// of the ones that are our fault.
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "./app-error";
import { validationErrorFromZod } from "./from-zod";
import { logger } from "@/lib/log/logger";
import { databaseErrorFor } from "@/lib/db/unavailable";
import { isDatabaseOutageError, logDatabaseOutage } from "@/lib/db/unavailable-log";

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export type NormalizedError = { status: number; body: ErrorBody; retryAfter?: number };

/** `route` (the request's path) goes into the outage log line. */
export function normalizeError(err: unknown, requestId: string | undefined, route?: string): NormalizedError {
  // An unreachable database that escaped unconverted (a raw query, the read pool) is still a
  // 503, never a 500 and never "not signed in".
  const appError = err instanceof ZodError ? validationErrorFromZod(err) : databaseErrorFor(err);
  if (appError instanceof AppError && appError.status < 500) {
    return {
      status: appError.status,
      retryAfter: appError.retryAfter,
      body: {
        error: {
          code: appError.code,
          message: appError.message,
          ...(appError.details ? { details: appError.details } : {}),
        },
      },
    };
  }
  // 5xx: log everything, show nothing internal. The request id lets support find the log line.
  // Outages get their own line (database code, rate-limited): one per failed request at most.
  if (isDatabaseOutageError(appError)) logDatabaseOutage(appError, { requestId, route });
  else logger.error({ err, request_id: requestId }, "request failed");
  const status = appError instanceof AppError ? appError.status : 500;
  const code: ErrorCode = appError instanceof AppError ? appError.code : "INTERNAL_ERROR";
  const message =
    appError instanceof AppError && status !== 500
      ? appError.message
      : "Something went wrong on our side. Quote the request id if you contact support.";
  return {
    status,
    retryAfter: appError instanceof AppError ? appError.retryAfter : undefined,
    body: { error: { code, message, details: { requestId } } },
  };
}
