// Shared by the route and action mappers: what the caller may see of an error, and logging
// of the ones that are our fault.
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "./app-error";
import { validationErrorFromZod } from "./from-zod";
import { logger } from "@/lib/log/logger";

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export type NormalizedError = { status: number; body: ErrorBody; retryAfter?: number };

export function normalizeError(err: unknown, requestId: string | undefined): NormalizedError {
  const appError = err instanceof ZodError ? validationErrorFromZod(err) : err;
  if (appError instanceof AppError && appError.status < 500) {
    return {
      status: appError.status,
      retryAfter: appError.retryAfter,
      body: { error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) } },
    };
  }
  // 5xx: log everything, show nothing internal. The request id lets support find the log line.
  logger.error({ err, request_id: requestId }, "request failed");
  const status = appError instanceof AppError ? appError.status : 500;
  const code: ErrorCode = appError instanceof AppError ? appError.code : "INTERNAL_ERROR";
  const message =
    appError instanceof AppError && status !== 500
      ? appError.message
      : "Something went wrong on our side. Quote the request id if you contact support.";
  return { status, retryAfter: appError instanceof AppError ? appError.retryAfter : undefined, body: { error: { code, message, details: { requestId } } } };
}
