"use client";
// The one hook for client forms that call a server action. It
// - validates the submission with the shared zod schema in the browser first (the server parses
//   again regardless) and stops there when the schema refuses;
// - calls the action through useActionState, so `isPending` covers the round trip;
// - shows field errors (the browser's or the server's) field by field and moves focus to the
//   first invalid field, so keyboard and screen-reader users land on the message;
// - KEEPS what was typed: the submission is started here (onSubmit + startTransition), never by
//   React's <form action>, which resets every uncontrolled field after the action whatever the
//   server answered. A form is emptied only when its component decides to (on success).
// Forms whose action takes FormData may also pass `formAction` to <form action>, so the form
// still posts without JavaScript; with JavaScript onSubmit takes over (and React skips the reset).
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { sendAction } from "@/lib/http/action-body";
import { failureOf, fieldAria, hasFieldErrors, validateInput, type FieldErrors } from "./form-state";

export type { FieldErrors, FormFailure } from "./form-state";

type Options<S, P> = {
  /** useActionState-shaped: the previous answer and the submission, e.g. `(_prev, input) => saveAction(slug, input)`. */
  action: (prev: Awaited<S>, payload: P) => S | Promise<S>;
  initialState: Awaited<S>;
  /** The input's shared schema (lib/<domain>/schemas.ts). */
  schema: z.ZodType;
  /** How onSubmit reads the submission from the form; by default the FormData itself. */
  read?: (data: FormData) => P;
};

export function useForm<S, P = FormData>({ action, initialState, schema, read }: Options<S, P>) {
  const formRef = useRef<HTMLFormElement>(null);
  // Through sendAction: an input over the action body limit is refused before sending, and a call
  // that rejects (an oversized or broken request) becomes a failure the form shows, not a crash.
  const [state, dispatch, isPending] = useActionState<S, P>(
    (prev, payload) =>
      sendAction(payload as FormData | Record<string, unknown>, async () => action(prev, payload)) as Promise<
        Awaited<S>
      >,
    initialState,
  );
  const [fieldErrors, setFieldErrors] = useState<FieldErrors | undefined>(() => failureOf(initialState)?.fieldErrors);
  // True once the browser has checked a newer submission than `state` answers: the server's old
  // message is not shown over it.
  const [superseded, setSuperseded] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);

  // A new answer from the server replaces whatever was shown before; its field errors take focus.
  const [synced, setSynced] = useState(state);
  if (state !== synced) {
    setSynced(state);
    const failure = failureOf(state);
    setFieldErrors(failure?.fieldErrors);
    setSuperseded(false);
    if (hasFieldErrors(failure?.fieldErrors)) setFocusRequest((n) => n + 1);
  }

  // After the render that marks the fields aria-invalid, so the first one in page order is found.
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  /** Validates `payload` and sends it; false (with the field errors shown) when the schema refuses. */
  function submit(payload: P): boolean {
    const errors = validateInput(schema, payload);
    setSuperseded(true);
    if (errors) {
      setFieldErrors(errors);
      setFocusRequest((n) => n + 1);
      return false;
    }
    setFieldErrors(undefined);
    startTransition(() => dispatch(payload));
    return true;
  }

  /** Sends `payload` as it is (validated once already), e.g. the same edits again on a new version. */
  function resend(payload: P) {
    startTransition(() => dispatch(payload));
  }

  /** For <form onSubmit>: reads the form (hidden fields included) and submits it; one submission at a time. */
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const data = new FormData(event.currentTarget);
    submit(read ? read(data) : (data as P));
  }

  /** Editing a field clears its message. */
  function clearError(field: string) {
    setFieldErrors((current) => (current?.[field] ? { ...current, [field]: undefined } : current));
  }

  /** Forgets the messages shown (e.g. a dialog opened again starts clean); the next answer brings its own. */
  function clearErrors() {
    setFieldErrors(undefined);
    setSuperseded(true);
  }

  /** An input's aria-invalid, aria-describedby (hint first, then the error) and onChange. */
  function fieldProps(field: string, errorId: string, hintId?: string) {
    return { ...fieldAria(fieldErrors, field, errorId, hintId), onChange: () => clearError(field) };
  }

  const failure = superseded ? null : failureOf(state);
  // The form-level message: the server's, unless its field errors say it field by field.
  const error = failure && !hasFieldErrors(failure.fieldErrors) ? failure.message : null;
  return {
    formRef,
    state,
    formAction: dispatch,
    isPending,
    fieldErrors,
    failure,
    error,
    submit,
    resend,
    onSubmit,
    clearError,
    clearErrors,
    fieldProps,
  };
}
