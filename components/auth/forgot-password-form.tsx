"use client";

import { forgotPasswordAction } from "@/app/(auth)/forgot-password/actions";
import { forgotPasswordSchema, type ForgotPasswordState } from "@/lib/auth/schemas";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useForm } from "@/components/forms/use-form";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PendingSubmitButton } from "@/components/forms/pending-submit-button";
import { DonePanel } from "./done-panel";

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const { formRef, state, formAction, isPending, fieldErrors, error, onSubmit, fieldProps } = useForm({
    action: forgotPasswordAction,
    initialState: {} as ForgotPasswordState,
    schema: forgotPasswordSchema,
  });

  if (state.status === "sent") return <LinkSent email={state.values?.email} />;

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <FormErrorAlert error={error ?? undefined} />

      <div>
        <Label htmlFor="forgot-email">Email</Label>
        <Input
          id="forgot-email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.values?.email}
          {...fieldProps("email", "forgot-email-error")}
          className="mt-1.5"
        />
        <FieldError id="forgot-email-error" messages={fieldErrors?.email} />
      </div>

      <PendingSubmitButton size="lg" pending={isPending} pendingText="Sending…" className="w-full">
        Send reset link
      </PendingSubmitButton>
    </form>
  );
}

function LinkSent({ email }: { email?: string }) {
  return (
    <DonePanel title="Check your email" link={{ href: "/sign-in", label: "Back to sign in" }}>
      <p className="text-sm text-muted-foreground">
        If an account exists for {email ? <strong className="text-foreground">{email}</strong> : "that address"}, we
        have sent it a link to choose a new password. The link expires in one hour and works once.
      </p>
    </DonePanel>
  );
}
