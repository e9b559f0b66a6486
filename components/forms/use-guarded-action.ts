"use client";
// useActionState for the guards' server actions (lib/auth/guard.ts), which answer
// { ok: true, data } or { ok: false, message, fieldErrors }. Field errors can also be set
// locally by validating with the same zod schema before the round trip.
import { useActionState, useState } from "react";
import { z } from "zod";
import type { ActionResult } from "@/lib/auth/guard";
import { sendAction } from "@/lib/http/action-body";

export type FieldErrors = Record<string, string[] | undefined>;

export function useGuardedAction<T>(run: (formData: FormData) => Promise<ActionResult<T>>, schema?: z.ZodType) {
  const [state, formAction, isPending] = useActionState<ActionResult<T> | null, FormData>((_prev, formData) => sendAction(formData, () => run(formData)), null);
  const [localErrors, setLocalErrors] = useState<FieldErrors | undefined>();
  const [synced, setSynced] = useState(state);
  if (state !== synced) {
    setSynced(state);
    setLocalErrors(undefined);
  }

  /** onSubmit: validate in the browser first; stop the submission when the schema refuses. */
  function validate(event: React.FormEvent<HTMLFormElement>) {
    if (!schema) return;
    const parsed = schema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (parsed.success) {
      setLocalErrors(undefined);
      return;
    }
    event.preventDefault();
    setLocalErrors(z.flattenError(parsed.error).fieldErrors as FieldErrors);
  }

  const fieldErrors: FieldErrors | undefined = localErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const error = !localErrors && state && !state.ok && !state.fieldErrors ? state.message : null;
  return { state, formAction, isPending, fieldErrors, error, validate, succeeded: !!state?.ok };
}
