"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { changePasswordSchema, PASSWORD_MIN_LENGTH, type ChangePasswordState } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export type { ChangePasswordState } from "@/lib/auth/schemas";

type FieldErrors = ChangePasswordState["fieldErrors"];
type FieldName = keyof NonNullable<FieldErrors>;
const FIELDS: FieldName[] = ["currentPassword", "newPassword", "confirmPassword"];

const LABELS: Record<FieldName, { label: string; autoComplete: string }> = {
  currentPassword: { label: "Current password", autoComplete: "current-password" },
  newPassword: { label: "New password", autoComplete: "new-password" },
  confirmPassword: { label: "Repeat new password", autoComplete: "new-password" },
};

type Props = {
  /** A server action wrapping changePassword (lib/auth/change-password.ts) for the signed-in user. */
  action: (prev: ChangePasswordState, formData: FormData) => Promise<ChangePasswordState>;
  /** The account's email, so password managers update the right entry. */
  email?: string;
};

/** Change password for a signed-in user; other sessions are signed out by the server. */
export function ChangePasswordForm({ action, email }: Props) {
  const [state, formAction, isPending] = useActionState(action, {});
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(state.fieldErrors);
  const [syncedState, setSyncedState] = useState(state);
  if (state !== syncedState) {
    setSyncedState(state);
    setFieldErrors(state.fieldErrors);
  }

  useEffect(() => {
    if (state.fieldErrors) focusFirstInvalid(formRef.current, state.fieldErrors);
    // Done: empty the fields so the passwords do not linger on screen.
    if (state.status === "changed") formRef.current?.reset();
  }, [state]);

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (isPending) {
      event.preventDefault();
      return;
    }
    const parsed = changePasswordSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (parsed.success) {
      setFieldErrors(undefined);
      return;
    }
    event.preventDefault();
    const errors = z.flattenError(parsed.error).fieldErrors;
    setFieldErrors(errors);
    focusFirstInvalid(event.currentTarget, errors);
  }

  const clearError = (field: FieldName) => setFieldErrors((current) => (current?.[field] ? { ...current, [field]: undefined } : current));

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit} noValidate className="flex max-w-sm flex-col gap-5">
      <div role="status" className="empty:-mb-5">
        {state.status === "changed" && !isPending ? (
          <p className="rounded-lg border border-green-300 bg-green-50 px-3 py-2.5 text-sm text-green-800 dark:border-green-400/30 dark:bg-green-400/10 dark:text-green-200">
            Your password has been changed. Other devices signed in to this account have been signed out.
          </p>
        ) : null}
      </div>
      <div role="alert" className="empty:-mb-5">
        {state.error ? (
          <p className="flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
            <AlertIcon className="mt-px size-4" />
            {state.error}
          </p>
        ) : null}
      </div>

      {email ? <input type="text" name="username" autoComplete="username" value={email} hidden readOnly aria-hidden="true" tabIndex={-1} /> : null}

      {FIELDS.map((field) => {
        const id = `change-${field}`;
        const errors = fieldErrors?.[field];
        const hint = field === "newPassword" ? `${id}-hint` : undefined;
        const describedBy = [hint, errors ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
        return (
          <div key={field}>
            <Label htmlFor={id}>{LABELS[field].label}</Label>
            {hint ? (
              <p id={hint} className="mt-0.5 text-sm text-muted-foreground">
                At least {PASSWORD_MIN_LENGTH} characters.
              </p>
            ) : null}
            <Input
              id={id}
              name={field}
              type="password"
              autoComplete={LABELS[field].autoComplete}
              required
              aria-invalid={errors ? true : undefined}
              aria-describedby={describedBy}
              onChange={() => clearError(field)}
              className="mt-1.5"
            />
            <FieldError id={`${id}-error`} messages={errors} />
          </div>
        );
      })}

      <Button type="submit" aria-disabled={isPending || undefined} className="self-start">
        {isPending ? <SpinnerIcon className="size-4" /> : null}
        Change password
      </Button>
      <p aria-live="polite" className="sr-only">
        {isPending ? "Changing your password…" : ""}
      </p>
    </form>
  );
}

function focusFirstInvalid(form: HTMLFormElement | null, errors: NonNullable<FieldErrors>) {
  const field = FIELDS.find((name) => errors[name]?.length);
  const input = field ? form?.elements.namedItem(field) : null;
  if (input instanceof HTMLInputElement) input.focus();
}
