// What a failed provider call becomes. The caller (and so the user) sees an AppError with a
// plain message; the provider's own status, type and message go to the log only, so neither
// the key nor the provider's raw body ever reaches a response.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import { AppError, ExternalServiceError, RateLimitedError, UnavailableError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import type { AiUsage } from "./types";

/** No ANTHROPIC_API_KEY and not the demo model: every AI surface says so (503). */
export class AiNotConfiguredError extends UnavailableError {
  override readonly code: ErrorCode = "AI_NOT_CONFIGURED";
  constructor(message = "AI is not configured") {
    super(message);
  }
}

/**
 * A structured reply that did not match its schema (or did not call the tool). The tokens were
 * used all the same: `usage` lets the caller settle them.
 */
export class AiReplyShapeError extends ExternalServiceError {
  constructor(readonly usage: AiUsage) {
    super("The AI reply did not have the expected shape. Try again.");
  }
}

/** The caller cancelled (abort() or its signal): not an error of the provider. */
export class AiCallAbortedError extends Error {
  constructor() {
    super("The AI call was cancelled");
    this.name = "AbortError";
  }
}

export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return err instanceof AiCallAbortedError || err instanceof APIUserAbortError || signal?.aborted === true;
}

/** Seconds from a retry-after-ms or retry-after header (seconds or an HTTP date), if any. */
export function retryAfterSeconds(headers: Headers | undefined | null, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms)) / 1000;
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** Maps anything a provider call threw to an AppError, logging the provider's details. */
export function providerError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof APIConnectionTimeoutError) {
    logger.warn({ provider_error: "timeout" }, "AI provider call timed out");
    return new ExternalServiceError("The AI provider did not answer in time. Try again.");
  }
  if (err instanceof APIConnectionError) {
    logger.warn(
      { provider_error: "connection", cause: (err.cause as Error | undefined)?.message },
      "AI provider unreachable",
    );
    return new ExternalServiceError("Could not reach the AI provider. Try again.");
  }
  if (err instanceof APIError) {
    const retryAfter = retryAfterSeconds(err.headers);
    logger.warn(
      {
        provider_status: err.status ?? "stream",
        provider_type: err.type,
        provider_request_id: err.requestID,
        provider_message: err.apiMessage,
      },
      "AI provider call failed",
    );
    const seconds = retryAfter === undefined ? undefined : Math.ceil(retryAfter);
    if (err.status === 429)
      return new RateLimitedError(
        `The AI provider is rate limiting us${seconds ? `: try again in ${seconds} s` : ": try again later"}.`,
        seconds,
      );
    if (err.status === 401 || err.status === 403)
      return new ExternalServiceError(
        "The AI provider refused our credentials. An administrator must check the API key.",
      );
    if (err.status === 400 || err.status === 404 || err.status === 413 || err.status === 422)
      return new ExternalServiceError("The AI provider rejected the request.");
    if (err.status === undefined)
      return new ExternalServiceError("The AI provider stopped the answer with an error. Try again.");
    return new ExternalServiceError("The AI provider is unavailable or overloaded. Try again shortly.", {
      retryAfter: seconds,
    });
  }
  logger.error({ err }, "AI provider call failed unexpectedly");
  return new ExternalServiceError("The AI call failed. Try again.");
}
