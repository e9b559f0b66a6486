"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { forgotPasswordAction } from "@/app/(auth)/forgot-password/actions";
import { forgotPasswordSchema, type ForgotPasswordState } from "@/lib/auth/schemas";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useValidatedForm } from "@/components/forms/use-validated-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const FIELDS = ["email"] as const;

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const [state, formAction, isPending] = useActionState(forgotPasswordAction, {} as ForgotPasswordState);
  const { formRef, fieldErrors, handleSubmit, fieldProps } = useValidatedForm(forgotPasswordSchema, state, { fields: FIELDS, isPending });

  if (state.status === "sent") return <LinkSent email={state.values?.email} />;

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <FormErrorAlert error={state.error} />

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

      <Button type="submit" size="lg" aria-disabled={isPending || undefined} className="w-full">
        {isPending ? <SpinnerIcon className="size-4" /> : null}
        Send reset link
      </Button>
      <p aria-live="polite" className="sr-only">
        {isPending ? "Sending…" : ""}
      </p>
    </form>
  );
}

function LinkSent({ email }: { email?: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="mt-6 flex flex-col gap-3">
      <h2 ref={headingRef} tabIndex={-1} className="text-base font-semibold text-foreground outline-none">
        Check your email
      </h2>
      <p className="text-sm text-muted-foreground">
        If an account exists for {email ? <strong className="text-foreground">{email}</strong> : "that address"}, we have sent it a
        link to choose a new password. The link expires in one hour and works once.
      </p>
      <Link href="/sign-in" className="mt-2 text-sm font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300">
        Back to sign in
      </Link>
    </div>
  );
}
