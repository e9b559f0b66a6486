"use client";

import { useEffect } from "react";
import { changePasswordSchema, PASSWORD_MIN_LENGTH, type ChangePasswordState } from "@/lib/auth/schemas";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useForm } from "@/components/forms/use-form";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PendingSubmitButton } from "@/components/forms/pending-submit-button";

export type { ChangePasswordState } from "@/lib/auth/schemas";

type FieldName = keyof NonNullable<ChangePasswordState["fieldErrors"]>;
const FIELDS: readonly FieldName[] = ["currentPassword", "newPassword", "confirmPassword"];

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
  const { formRef, state, formAction, isPending, fieldErrors, error, onSubmit, fieldProps } = useForm({
    action,
    initialState: {} as ChangePasswordState,
    schema: changePasswordSchema,
  });

  // Done: empty the fields so the passwords do not linger on screen.
  useEffect(() => {
    if (state.status === "changed") formRef.current?.reset();
  }, [state, formRef]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex max-w-sm flex-col gap-5">
      <div role="status" className="empty:-mb-5">
        {state.status === "changed" && !isPending ? (
          <p className="rounded-lg border border-green-300 bg-green-50 px-3 py-2.5 text-sm text-green-800 dark:border-green-400/30 dark:bg-green-400/10 dark:text-green-200">
            Your password has been changed. Other devices signed in to this account have been signed out.
          </p>
        ) : null}
      </div>
      <FormErrorAlert error={error ?? undefined} />

      {email ? (
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={email}
          hidden
          readOnly
          aria-hidden="true"
          tabIndex={-1}
        />
      ) : null}

      {FIELDS.map((field) => {
        const id = `change-${field}`;
        const errors = fieldErrors?.[field];
        const hint = field === "newPassword" ? `${id}-hint` : undefined;
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
              {...fieldProps(field, `${id}-error`, hint)}
              className="mt-1.5"
            />
            <FieldError id={`${id}-error`} messages={errors} />
          </div>
        );
      })}

      <PendingSubmitButton pending={isPending} pendingText="Changing your password…" className="self-start">
        Change password
      </PendingSubmitButton>
    </form>
  );
}
