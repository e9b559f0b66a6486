// The one mapper for server actions: errors become a serialisable result the form shows
// (field errors next to fields, a message for the form). Next's own control-flow errors
// (redirect, notFound) must pass through untouched.
import { unstable_rethrow } from "next/navigation";
import { normalizeError } from "./serialize";
import { ValidationError, type ErrorCode, type FieldErrors } from "./app-error";

export type ActionFailure = {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** Safe details of a 4xx (e.g. a conflict's current version), never of a 5xx. */
  details?: Record<string, unknown>;
  requestId?: string;
};

export function actionFailure(err: unknown, requestId: string | undefined): ActionFailure {
  unstable_rethrow(err);
  // Server actions post to the page's own URL, which the action layer does not see.
  const { body, status } = normalizeError(err, requestId, "server-action");
  const fieldErrors =
    err instanceof ValidationError ? err.fieldErrors : (body.error.details?.fieldErrors as FieldErrors | undefined);
  const { fieldErrors: _omit, ...details } = (status < 500 ? body.error.details : undefined) ?? {};
  return {
    ok: false,
    code: body.error.code,
    message: body.error.message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
