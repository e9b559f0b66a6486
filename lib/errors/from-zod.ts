import type { z, ZodError } from "zod";
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

/**
 * Parses `input` with the shared schema or throws the ValidationError with field messages, so
 * every caller (an action guard, a route, a business function, the CLI) reports bad input the
 * same way and never reaches the database with a malformed value.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message?: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error, message);
  return parsed.data;
}
