"use client";
// Field errors for a form posted with <form action> to a server action whose state carries
// `fieldErrors` (the auth and account forms). The same zod schema the server uses runs in the
// browser first; the server parses again regardless.
import { useEffect, useRef, useState } from "react";
import { z } from "zod";

type FieldErrors<K extends string> = Partial<Record<K, string[]>>;

type Options<K extends string> = {
  /**
   * The form's fields in page order: the first one with an error gets focus. Declare it outside
   * the component: a new array every render would move focus on every render.
   */
  fields: readonly K[];
  /** While a submission runs, another one is stopped. */
  isPending: boolean;
};

export function useValidatedForm<K extends string>(schema: z.ZodType, state: { fieldErrors?: FieldErrors<K> }, { fields, isPending }: Options<NoInfer<K>>) {
  const formRef = useRef<HTMLFormElement>(null);

  // Field errors come from the server state or from validating here first; editing a field
  // clears its message. Re-sync whenever a new server state arrives.
  const [fieldErrors, setFieldErrors] = useState(state.fieldErrors);
  const [syncedState, setSyncedState] = useState(state);
  if (state !== syncedState) {
    setSyncedState(state);
    setFieldErrors(state.fieldErrors);
  }

  // Move focus to the first field the server rejected, so keyboard and screen-reader users land
  // on the message instead of hunting for it.
  useEffect(() => {
    if (state.fieldErrors) focusFirstInvalid(formRef.current, fields, state.fieldErrors);
  }, [state, fields]);

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (isPending) {
      event.preventDefault();
      return;
    }
    const parsed = schema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (parsed.success) {
      setFieldErrors(undefined);
      return;
    }
    // Stop here: the server would say the same, one round trip later.
    event.preventDefault();
    const all: Record<string, string[] | undefined> = z.flattenError(parsed.error).fieldErrors;
    // Only the visible fields: a hidden one (the reset token) has nowhere to show a message.
    const errors = Object.fromEntries(fields.map((field) => [field, all[field]])) as FieldErrors<K>;
    setFieldErrors(errors);
    focusFirstInvalid(event.currentTarget, fields, errors);
  }

  function clearError(field: K) {
    setFieldErrors((current) => (current?.[field] ? { ...current, [field]: undefined } : current));
  }

  /** An input's aria-invalid, aria-describedby (hint first, then the error) and onChange. */
  function fieldProps(field: K, errorId: string, hintId?: string) {
    const invalid = !!fieldErrors?.[field];
    return {
      "aria-invalid": invalid || undefined,
      "aria-describedby": [hintId, invalid ? errorId : undefined].filter(Boolean).join(" ") || undefined,
      onChange: () => clearError(field),
    };
  }

  return { formRef, fieldErrors, handleSubmit, clearError, fieldProps };
}

function focusFirstInvalid<K extends string>(form: HTMLFormElement | null, fields: readonly K[], errors: FieldErrors<K>) {
  const field = fields.find((name) => errors[name]?.length);
  const input = field ? form?.elements.namedItem(field) : null;
  if (input instanceof HTMLInputElement) input.focus();
}
