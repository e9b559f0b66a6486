"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { PASSWORD_MIN_LENGTH, resetPasswordSchema, type ResetPasswordState } from "@/lib/auth/schemas";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useValidatedForm } from "@/components/forms/use-validated-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const FIELDS = ["password", "confirmPassword"] as const;

/** A new password for the account the emailed `token` belongs to. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, isPending] = useActionState(resetPasswordAction, {} as ResetPasswordState);
  const { formRef, fieldErrors, handleSubmit, fieldProps } = useValidatedForm(resetPasswordSchema, state, { fields: FIELDS, isPending });

  if (state.status === "done") return <PasswordChanged />;

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <FormErrorAlert error={state.error}>
        <Link href="/forgot-password" className="font-medium underline underline-offset-2">
          Ask for a new link
        </Link>
      </FormErrorAlert>

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
          {...fieldProps("password", "reset-password-error", "reset-password-hint")}
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
          {...fieldProps("confirmPassword", "reset-confirm-error")}
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
