import type { ZodError } from "zod";
import { ValidationError, type FieldErrors } from "./app-error";

/** Turns a zod failure into field-level messages the form (or API client) can show per field. */
export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function validationErrorFromZod(error: ZodError, message = "Some fields are not valid"): ValidationError {
  return new ValidationError(message, fieldErrorsFromZod(error));
}
