"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { signInAction } from "@/app/(auth)/sign-in/actions";
import { signInSchema, type SignInState } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type FieldErrors = SignInState["fieldErrors"];
type FieldName = keyof NonNullable<FieldErrors>;
const FIELDS: FieldName[] = ["email", "password"];

type Props = {
  callbackUrl?: string;
  /** A message from the URL (e.g. after a failed redirect), shown until the next attempt. */
  initialError?: string;
  showDemoHint: boolean;
};

export function SignInForm({ callbackUrl, initialError, showDemoHint }: Props) {
  const [state, formAction, isPending] = useActionState(
    signInAction,
    initialError ? { error: initialError } : {},
  );
  const formRef = useRef<HTMLFormElement>(null);

  // Field errors come from the server state or from validating here first with the same zod
  // schema; editing a field clears its message. Re-sync whenever a new server state arrives.
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(state.fieldErrors);
  const [syncedState, setSyncedState] = useState(state);
  if (state !== syncedState) {
    setSyncedState(state);
    setFieldErrors(state.fieldErrors);
  }

  // Move focus to the first field the server rejected, so keyboard and screen-reader users land
  // on the message instead of hunting for it.
  useEffect(() => {
    if (state.fieldErrors) focusFirstInvalid(formRef.current, state.fieldErrors);
  }, [state]);

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (isPending) {
      event.preventDefault();
      return;
    }
    const data = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = signInSchema.safeParse(data);
    if (!parsed.success) {
      // Stop here: the server would say the same, one round trip later.
      event.preventDefault();
      const errors = z.flattenError(parsed.error).fieldErrors;
      setFieldErrors(errors);
      focusFirstInvalid(event.currentTarget, errors);
    } else {
      setFieldErrors(undefined);
    }
  }

  function clearError(field: FieldName) {
    setFieldErrors((current) => (current?.[field] ? { ...current, [field]: undefined } : current));
  }

  const emailError = fieldErrors?.email;
  const passwordError = fieldErrors?.password;

  return (
    <form ref={formRef} action={formAction} onSubmit={handleSubmit} noValidate className="mt-6 flex flex-col gap-5">
      {/* Always in the DOM so screen readers announce the message when it is filled in; while
          empty, the negative margin cancels the form's gap so it takes no space. */}
      <div role="alert" className="empty:-mb-5">
        {state.error ? (
          <p className="flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
            <AlertIcon className="mt-px size-4" />
            {state.error}
          </p>
        ) : null}
      </div>

      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}

      <div>
        <Label htmlFor="sign-in-email">Email</Label>
        <Input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.values?.email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "sign-in-email-error" : undefined}
          onChange={() => clearError("email")}
          className="mt-1.5"
        />
        <FieldError id="sign-in-email-error" messages={emailError} />
      </div>

      <div>
        <Label htmlFor="sign-in-password">Password</Label>
        <Input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? "sign-in-password-error" : undefined}
          onChange={() => clearError("password")}
          className="mt-1.5"
        />
        <FieldError id="sign-in-password-error" messages={passwordError} />
      </div>

      {/* aria-disabled rather than disabled: the button keeps focus while the request runs. */}
      <Button type="submit" size="lg" aria-disabled={isPending || undefined} className="w-full">
        {isPending ? <SpinnerIcon className="size-4" /> : null}
        Sign in
      </Button>
      <p aria-live="polite" className="sr-only">
        {isPending ? "Signing in…" : ""}
      </p>

      {showDemoHint ? (
        <p className="rounded-lg border border-dashed border-brand-300 bg-brand-50 px-3 py-2.5 text-sm text-brand-900 dark:border-brand-400/40 dark:bg-brand-400/10 dark:text-brand-100">
          Demo login: <code className="font-mono">demo@civitas.test</code> / <code className="font-mono">civitas-demo</code>
        </p>
      ) : null}
    </form>
  );
}

function focusFirstInvalid(form: HTMLFormElement | null, errors: NonNullable<FieldErrors>) {
  const field = FIELDS.find((name) => errors[name]?.length);
  if (!field) return;
  const input = form?.elements.namedItem(field);
  if (input instanceof HTMLInputElement) input.focus();
}
