// The pure parts of useForm (./use-form.ts), kept apart so they are unit-tested without React:
// validating a submission with the shared zod schema, reading what a server answer says went
// wrong (whichever of the two answer shapes the action uses), and an input's ARIA attributes.
import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

/** What went wrong, as the form shows it: a message for the form and/or messages per field. */
export type FormFailure = {
  message: string | null;
  fieldErrors?: FieldErrors;
  /** From an ActionFailure (lib/errors/action.ts): e.g. CONFLICT, with its safe details. */
  code?: string;
  details?: Record<string, unknown>;
};

/** What the schema validates: a FormData's fields as an object (hidden ones included), or the object itself. */
export function validationInput(payload: unknown): unknown {
  return payload instanceof FormData ? Object.fromEntries(payload) : payload;
}

/** The schema's field errors for `payload`, or null when it passes. */
export function validateInput(schema: z.ZodType, payload: unknown): FieldErrors | null {
  const parsed = schema.safeParse(validationInput(payload));
  return parsed.success ? null : (z.flattenError(parsed.error).fieldErrors as FieldErrors);
}

/**
 * The failure in a server answer, or null when it has none. Two shapes answer: the guards'
 * ActionResult (`{ ok: false, message, fieldErrors, code, details }`, lib/auth/guard.ts) and the
 * auth forms' own states (`{ error, fieldErrors, status }`, lib/auth/schemas.ts).
 */
export function failureOf(result: unknown): FormFailure | null {
  if (!result || typeof result !== "object") return null;
  const r = result as {
    ok?: boolean;
    message?: string;
    error?: string;
    fieldErrors?: FieldErrors;
    code?: string;
    details?: Record<string, unknown>;
  };
  if (r.ok === true) return null;
  if (r.ok === false)
    return { message: r.message ?? null, fieldErrors: r.fieldErrors, code: r.code, details: r.details };
  if (r.error || r.fieldErrors) return { message: r.error ?? null, fieldErrors: r.fieldErrors };
  return null;
}

/** True when at least one field has a message. */
export function hasFieldErrors(errors: FieldErrors | null | undefined): errors is FieldErrors {
  return !!errors && Object.values(errors).some((messages) => !!messages?.length);
}

/** An input's aria-invalid and aria-describedby (the hint first, then the error while there is one). */
export function fieldAria(errors: FieldErrors | undefined, field: string, errorId: string, hintId?: string) {
  const invalid = !!errors?.[field]?.length;
  return {
    "aria-invalid": invalid || undefined,
    "aria-describedby": [hintId, invalid ? errorId : undefined].filter(Boolean).join(" ") || undefined,
  };
}
