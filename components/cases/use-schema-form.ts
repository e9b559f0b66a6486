"use client";
// useActionState for the case forms, with the submission started by us (onSubmit) rather than
// by <form action>. React resets a form after a form action whatever the server answered, which
// would wipe what someone typed when the server comes back with a field error or a conflict; here
// a form is cleared only when its component decides to (the note form, on success).
// The shared zod schema runs in the browser first; the server parses again regardless.
import { startTransition, useActionState, useState } from "react";
import { z } from "zod";
import type { ActionResult } from "@/lib/auth/guard";
import { sendAction } from "@/lib/http/action-body";

export type FieldErrors = Record<string, string[] | undefined>;
type Input = Record<string, unknown>;

/** Moves focus to the first field (in page order) that has an error, so it is read out with it. */
function focusFirstInvalid(form: HTMLFormElement | null | undefined, errors: FieldErrors) {
  if (!form) return;
  for (const element of Array.from(form.elements)) {
    const name = (element as HTMLInputElement).name;
    if (name && errors[name]?.length && "focus" in element) {
      (element as HTMLElement).focus();
      return;
    }
  }
}

export function useSchemaForm<T>(run: (input: Input) => Promise<ActionResult<T>>, schema: z.ZodType) {
  const [state, dispatch, isPending] = useActionState<ActionResult<T> | null, Input>((_prev, input) => sendAction(input, () => run(input)), null);
  const [localErrors, setLocalErrors] = useState<FieldErrors | undefined>();
  // A new answer from the server replaces whatever the browser-side check said before.
  const [synced, setSynced] = useState(state);
  if (state !== synced) {
    setSynced(state);
    setLocalErrors(undefined);
  }

  /** Validates `input` with the schema and sends it; false (with field errors shown) when it fails. */
  function submit(input: Input, form?: HTMLFormElement | null): boolean {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const errors = z.flattenError(parsed.error).fieldErrors as FieldErrors;
      setLocalErrors(errors);
      focusFirstInvalid(form, errors);
      return false;
    }
    setLocalErrors(undefined);
    startTransition(() => dispatch(input));
    return true;
  }

  /** Sends `input` as it is (already validated once), e.g. the same edits again on a new version. */
  function resend(input: Input) {
    startTransition(() => dispatch(input));
  }

  /** For <form onSubmit>: sends the form's fields (hidden ones included). */
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(Object.fromEntries(new FormData(event.currentTarget)) as Input, event.currentTarget);
  }

  const failure = state && !state.ok ? state : null;
  const fieldErrors: FieldErrors | undefined = localErrors ?? failure?.fieldErrors;
  // The server's message is always shown (and announced): its field errors alone are silent.
  const error = !localErrors && failure ? failure.message : null;
  return { state, isPending, fieldErrors, error, failure, submit, resend, onSubmit };
}
