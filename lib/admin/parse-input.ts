// Business functions parse their own input with the shared schema, so every caller (the
// action guard, a page reading searchParams, the CLI, a test) gets the same validation and the
// same ValidationError with field messages, never a database error from a malformed value.
import type { z } from "zod";
import { validationErrorFromZod } from "@/lib/errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return parsed.data;
}
