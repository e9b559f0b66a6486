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
  requestId?: string;
};

export function actionFailure(err: unknown, requestId: string | undefined): ActionFailure {
  unstable_rethrow(err);
  const { body } = normalizeError(err, requestId);
  const fieldErrors = err instanceof ValidationError ? err.fieldErrors : (body.error.details?.fieldErrors as FieldErrors | undefined);
  return {
    ok: false,
    code: body.error.code,
    message: body.error.message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
