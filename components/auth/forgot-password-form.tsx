"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { forgotPasswordAction } from "@/app/(auth)/forgot-password/actions";
import { forgotPasswordSchema, type ForgotPasswordState } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const [state, formAction, isPending] = useActionState(forgotPasswordAction, {} as ForgotPasswordState);
  const formRef = useRef<HTMLFormElement>(null);
  const [emailError, setEmailError] = useState(state.fieldErrors?.email);
  const [syncedState, setSyncedState] = useState(state);
  if (state !== syncedState) {
    setSyncedState(state);
    setEmailError(state.fieldErrors?.email);
  }

  useEffect(() => {
    if (state.fieldErrors?.email) focusEmail(formRef.current);
  }, [state]);

  if (state.status === "sent") return <LinkSent email={state.values?.email} />;

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (isPending) {
      event.preventDefault();
      return;
    }
    const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (parsed.success) {
      setEmailError(undefined);
      return;
    }
    event.preventDefault();
    setEmailError(z.flattenError(parsed.error).fieldErrors.email);
    focusEmail(event.currentTarget);
  }

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <div role="alert" className="empty:-mb-5">
        {state.error ? (
          <p className="flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
            <AlertIcon className="mt-px size-4" />
            {state.error}
          </p>
        ) : null}
      </div>

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
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "forgot-email-error" : undefined}
          onChange={() => setEmailError(undefined)}
          className="mt-1.5"
        />
        <FieldError id="forgot-email-error" messages={emailError} />
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

function focusEmail(form: HTMLFormElement | null) {
  const input = form?.elements.namedItem("email");
  if (input instanceof HTMLInputElement) input.focus();
}
