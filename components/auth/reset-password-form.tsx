"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { PASSWORD_MIN_LENGTH, resetPasswordSchema, type ResetPasswordState } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type FieldErrors = ResetPasswordState["fieldErrors"];
type FieldName = keyof NonNullable<FieldErrors>;
const FIELDS: FieldName[] = ["password", "confirmPassword"];

/** A new password for the account the emailed `token` belongs to. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, isPending] = useActionState(resetPasswordAction, {} as ResetPasswordState);
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(state.fieldErrors);
  const [syncedState, setSyncedState] = useState(state);
  if (state !== syncedState) {
    setSyncedState(state);
    setFieldErrors(state.fieldErrors);
  }

  useEffect(() => {
    if (state.fieldErrors) focusFirstInvalid(formRef.current, state.fieldErrors);
  }, [state]);

  if (state.status === "done") return <PasswordChanged />;

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (isPending) {
      event.preventDefault();
      return;
    }
    const parsed = resetPasswordSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (parsed.success) {
      setFieldErrors(undefined);
      return;
    }
    event.preventDefault();
    const { password, confirmPassword } = z.flattenError(parsed.error).fieldErrors;
    setFieldErrors({ password, confirmPassword });
    focusFirstInvalid(event.currentTarget, { password, confirmPassword });
  }

  const clearError = (field: FieldName) => setFieldErrors((current) => (current?.[field] ? { ...current, [field]: undefined } : current));

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <div role="alert" className="empty:-mb-5">
        {state.error ? (
          <p className="flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
            <AlertIcon className="mt-px size-4" />
            <span>
              {state.error}{" "}
              <Link href="/forgot-password" className="font-medium underline underline-offset-2">
                Ask for a new link
              </Link>
            </span>
          </p>
        ) : null}
      </div>

      <input type="hidden" name="token" value={token} />

      <div>
        <Label htmlFor="reset-password">New password</Label>
        <p id="reset-password-hint" className="mt-0.5 text-sm text-muted-foreground">
          At least {PASSWORD_MIN_LENGTH} characters.
        </p>
        <Input
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          aria-invalid={fieldErrors?.password ? true : undefined}
          aria-describedby={fieldErrors?.password ? "reset-password-hint reset-password-error" : "reset-password-hint"}
          onChange={() => clearError("password")}
          className="mt-1.5"
        />
        <FieldError id="reset-password-error" messages={fieldErrors?.password} />
      </div>

      <div>
        <Label htmlFor="reset-confirm">Repeat new password</Label>
        <Input
          id="reset-confirm"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={fieldErrors?.confirmPassword ? true : undefined}
          aria-describedby={fieldErrors?.confirmPassword ? "reset-confirm-error" : undefined}
          onChange={() => clearError("confirmPassword")}
          className="mt-1.5"
        />
        <FieldError id="reset-confirm-error" messages={fieldErrors?.confirmPassword} />
      </div>

      <Button type="submit" size="lg" aria-disabled={isPending || undefined} className="w-full">
        {isPending ? <SpinnerIcon className="size-4" /> : null}
        Set new password
      </Button>
      <p aria-live="polite" className="sr-only">
        {isPending ? "Saving…" : ""}
      </p>
    </form>
  );
}

function PasswordChanged() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="mt-6 flex flex-col gap-3">
      <h2 ref={headingRef} tabIndex={-1} className="text-base font-semibold text-foreground outline-none">
        Your password has been changed
      </h2>
      <p className="text-sm text-muted-foreground">For your security, every device that was signed in to this account has been signed out.</p>
      <Link href="/sign-in" className="mt-2 text-sm font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300">
        Sign in with your new password
      </Link>
    </div>
  );
}

function focusFirstInvalid(form: HTMLFormElement | null, errors: NonNullable<FieldErrors>) {
  const field = FIELDS.find((name) => errors[name]?.length);
  const input = field ? form?.elements.namedItem(field) : null;
  if (input instanceof HTMLInputElement) input.focus();
}
