"use client";

import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { PASSWORD_MIN_LENGTH, signUpSchema } from "@/lib/auth/schemas";
import { FormErrorAlert } from "@/components/forms/form-error-alert";
import { useForm } from "@/components/forms/use-form";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PendingSubmitButton } from "@/components/forms/pending-submit-button";
import { DonePanel } from "./done-panel";

/** Sign-up: validated here with the server's own schema first, then by the server action. */
export function SignUpForm() {
  const { formRef, state, formAction, isPending, fieldErrors, error, onSubmit, fieldProps } = useForm({
    action: signUpAction,
    initialState: {},
    schema: signUpSchema,
  });

  if (state.status === "sent") return <CheckYourEmail email={state.values?.email} />;

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-5">
      <FormErrorAlert error={error ?? undefined} />

      <div>
        <Label htmlFor="sign-up-name">Full name</Label>
        <Input
          id="sign-up-name"
          name="name"
          type="text"
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={state.values?.name}
          className="mt-1.5"
          {...fieldProps("name", "sign-up-name-error")}
        />
        <FieldError id="sign-up-name-error" messages={fieldErrors?.name} />
      </div>

      <div>
        <Label htmlFor="sign-up-email">Work email</Label>
        <Input
          id="sign-up-email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.values?.email}
          className="mt-1.5"
          {...fieldProps("email", "sign-up-email-error")}
        />
        <FieldError id="sign-up-email-error" messages={fieldErrors?.email} />
      </div>

      <div>
        <Label htmlFor="sign-up-password">Password</Label>
        <p id="sign-up-password-hint" className="mt-0.5 text-sm text-muted-foreground">
          At least {PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.
        </p>
        <Input
          id="sign-up-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          className="mt-1.5"
          {...fieldProps("password", "sign-up-password-error", "sign-up-password-hint")}
        />
        <FieldError id="sign-up-password-error" messages={fieldErrors?.password} />
      </div>

      <div>
        <Label htmlFor="sign-up-confirm">Repeat password</Label>
        <Input
          id="sign-up-confirm"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          className="mt-1.5"
          {...fieldProps("confirmPassword", "sign-up-confirmPassword-error")}
        />
        <FieldError id="sign-up-confirmPassword-error" messages={fieldErrors?.confirmPassword} />
      </div>
      <PendingSubmitButton size="lg" pending={isPending} pendingText="Creating your account…" className="w-full">
        Create account
      </PendingSubmitButton>
    </form>
  );
}

/** Shown after every sign-up, whether the address was new or already had an account. */
function CheckYourEmail({ email }: { email?: string }) {
  return (
    <DonePanel title="Check your email" link={{ href: "/sign-in", label: "Go to sign in" }}>
      <p className="text-sm text-muted-foreground">
        We sent a message to {email ? <strong className="text-foreground">{email}</strong> : "your address"}. Open the
        link in it to confirm your address, then sign in. The link expires in 24 hours.
      </p>
      <p className="text-sm text-muted-foreground">
        Nothing arrived? Check your spam folder, or sign in and ask for a new link.
      </p>
    </DonePanel>
  );
}
