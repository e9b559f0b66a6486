"use client";

import Link from "next/link";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { PASSWORD_MIN_LENGTH, resetPasswordSchema, type ResetPasswordState } from "@/lib/auth/schemas";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useForm } from "@/components/forms/use-form";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PendingSubmitButton } from "@/components/forms/pending-submit-button";
import { DonePanel } from "./done-panel";

/** A new password for the account the emailed `token` belongs to. */
export function ResetPasswordForm({ token }: { token: string }) {
  const { formRef, state, formAction, isPending, fieldErrors, error, onSubmit, fieldProps } = useForm({
    action: resetPasswordAction,
    initialState: {} as ResetPasswordState,
    schema: resetPasswordSchema,
  });

  if (state.status === "done") return <PasswordChanged />;

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <FormErrorAlert error={error ?? undefined}>
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

      <PendingSubmitButton size="lg" pending={isPending} pendingText="Saving…" className="w-full">
        Set new password
      </PendingSubmitButton>
    </form>
  );
}

function PasswordChanged() {
  return (
    <DonePanel
      title="Your password has been changed"
      link={{ href: "/sign-in", label: "Sign in with your new password" }}
    >
      <p className="text-sm text-muted-foreground">
        For your security, every device that was signed in to this account has been signed out.
      </p>
    </DonePanel>
  );
}
