// One error hierarchy for the whole app (DESIGN.md invariant 7). Business functions throw
// these; the route and action mappers turn them into responses. Anything else that escapes is
// an internal error: logged with the request id, shown to the caller without internals.

export type ErrorCode =
  | "NOT_FOUND"
  | "VALIDATION_FAILED"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "PAYMENT_REQUIRED"
  | "EXTERNAL_SERVICE_ERROR"
  | "UNAVAILABLE"
  | "WRITE_OUTCOME_UNKNOWN"
  | "INTERNAL_ERROR"
  /** No ANTHROPIC_API_KEY (and not the demo model): a 503 (lib/ai/provider/errors.ts). */
  | "AI_NOT_CONFIGURED";

/** Field-level messages, keyed by field path ("email", "address.city"). */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode = "INTERNAL_ERROR";
  readonly status: number = 500;
  /** Safe to show to the caller. Never put internals or PII here. */
  readonly details?: Record<string, unknown>;
  /** Seconds the caller should wait (rate limits, maintenance). */
  readonly retryAfter?: number;

  constructor(message: string, options?: { details?: Record<string, unknown>; cause?: unknown; retryAfter?: number }) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.details = options?.details;
    this.retryAfter = options?.retryAfter;
  }
}

export class NotFoundError extends AppError {
  override readonly code = "NOT_FOUND";
  override readonly status = 404;
  constructor(message = "Not found", options?: ConstructorParameters<typeof AppError>[1]) {
    super(message, options);
  }
}

export class ValidationError extends AppError {
  override readonly code = "VALIDATION_FAILED";
  override readonly status = 400;
  readonly fieldErrors: FieldErrors;
  constructor(message = "Some fields are not valid", fieldErrors: FieldErrors = {}) {
    super(message, { details: { fieldErrors } });
    this.fieldErrors = fieldErrors;
  }
}

export class UnauthorizedError extends AppError {
  override readonly code = "UNAUTHORIZED";
  override readonly status = 401;
  constructor(message = "Sign in to continue") {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  override readonly code = "FORBIDDEN";
  override readonly status = 403;
  constructor(message = "You do not have permission to do this") {
    super(message);
  }
}

export class ConflictError extends AppError {
  override readonly code = "CONFLICT";
  override readonly status = 409;
}

/** A request body over the route's limit (lib/http/json-body.ts). */
export class PayloadTooLargeError extends AppError {
  override readonly code = "PAYLOAD_TOO_LARGE";
  override readonly status = 413;
}

/** A body in a format the route does not read, e.g. JSON sent as text/plain. */
export class UnsupportedMediaTypeError extends AppError {
  override readonly code = "UNSUPPORTED_MEDIA_TYPE";
  override readonly status = 415;
}

export class RateLimitedError extends AppError {
  override readonly code = "RATE_LIMITED";
  override readonly status = 429;
  constructor(message = "Too many requests, try again later", retryAfter?: number) {
    super(message, { retryAfter });
  }
}

export class PaymentRequiredError extends AppError {
  override readonly code = "PAYMENT_REQUIRED";
  override readonly status = 402;
}

export class ExternalServiceError extends AppError {
  override readonly code = "EXTERNAL_SERVICE_ERROR";
  override readonly status = 502;
}

export class UnavailableError extends AppError {
  // Widened to ErrorCode so subclasses can name their cause (AI_NOT_CONFIGURED).
  override readonly code: ErrorCode = "UNAVAILABLE";
  override readonly status = 503;
}

/**
 * The connection was lost while a write was being committed: PostgreSQL may or may not have
 * applied it, and nobody can tell from here. Never reported as success nor as "not saved":
 * the person is asked to look before doing it again (no Retry-After, on purpose).
 */
export class WriteOutcomeUnknownError extends AppError {
  override readonly code = "WRITE_OUTCOME_UNKNOWN";
  override readonly status = 503;
  constructor(
    message = "The connection to the database was lost while saving: your change may not have been saved. Check before retrying.",
    options?: ConstructorParameters<typeof AppError>[1],
  ) {
    super(message, options);
  }
}
