"use client";

import { signInAction } from "@/app/(auth)/sign-in/actions";
import { signInSchema } from "@/lib/auth/schemas";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useForm } from "@/components/forms/use-form";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PendingSubmitButton } from "@/components/forms/pending-submit-button";

type Props = {
  callbackUrl?: string;
  /** A message from the URL (e.g. after a failed redirect), shown until the next attempt. */
  initialError?: string;
  showDemoHint: boolean;
};

export function SignInForm({ callbackUrl, initialError, showDemoHint }: Props) {
  const { formRef, state, formAction, isPending, fieldErrors, error, onSubmit, fieldProps } = useForm({
    action: signInAction,
    initialState: initialError ? { error: initialError } : {},
    schema: signInSchema,
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <FormErrorAlert error={error ?? undefined} />

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
          {...fieldProps("email", "sign-in-email-error")}
          className="mt-1.5"
        />
        <FieldError id="sign-in-email-error" messages={fieldErrors?.email} />
      </div>

      <div>
        <Label htmlFor="sign-in-password">Password</Label>
        <Input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          {...fieldProps("password", "sign-in-password-error")}
          className="mt-1.5"
        />
        <FieldError id="sign-in-password-error" messages={fieldErrors?.password} />
      </div>
      <PendingSubmitButton size="lg" pending={isPending} pendingText="Signing in…" className="w-full">
        Sign in
      </PendingSubmitButton>

      {showDemoHint ? (
        <p className="rounded-lg border border-dashed border-brand-300 bg-brand-50 px-3 py-2.5 text-sm text-brand-900 dark:border-brand-400/40 dark:bg-brand-400/10 dark:text-brand-100">
          Demo login: <code className="font-mono">demo@civitas.test</code> /{" "}
          <code className="font-mono">civitas-demo</code>
        </p>
      ) : null}
    </form>
  );
}
