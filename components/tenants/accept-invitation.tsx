"use client";
// The two ways to take up an invitation: accept while signed in as the invited address, or
// create the account (name + password; the address is fixed) and join in one step.
import { useRouter } from "next/navigation";
import { useTransition, useState } from "react";
import { acceptInvitationAction, signUpAndAcceptAction } from "@/app/(auth)/invitations/[token]/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { invitationSignUpSchema } from "@/lib/auth/schemas";

export function AcceptInvitationButton({ token, tenantName }: { token: string; tenantName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="mt-6 flex flex-col gap-3">
      <FormAlert error={error} />
      <Button
        size="lg"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await acceptInvitationAction({ token });
            if (result.ok) router.push(`/${result.data.slug}`);
            else setError(result.message);
          })
        }
      >
        {pending ? <SpinnerIcon className="size-4" /> : null}
        Join {tenantName}
      </Button>
    </div>
  );
}

export function SignUpAndAcceptForm({ token, email }: { token: string; email: string }) {
  // On success the action redirects to the organisation; only failures come back here.
  const {
    formRef,
    formAction,
    isPending: pending,
    fieldErrors: errors,
    error: message,
    onSubmit,
  } = useForm({ action: signUpAndAcceptAction, initialState: null, schema: invitationSignUpSchema });
  const attrs = (id: string) => ({
    "aria-invalid": errors?.[id] ? true : undefined,
    "aria-describedby": errors?.[id] ? `${id}-error` : undefined,
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="mt-6 flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormAlert error={message} />
      <div>
        <Label htmlFor="invite-email">Email</Label>
        <Input id="invite-email" value={email} readOnly disabled className="mt-1.5" />
      </div>
      <div>
        <Label htmlFor="name">Your name</Label>
        <Input id="name" name="name" autoComplete="name" required className="mt-1.5" {...attrs("name")} />
        <FieldError id="name-error" messages={errors?.name} />
      </div>
      <div>
        <Label htmlFor="password">Choose a password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          className="mt-1.5"
          {...attrs("password")}
        />
        <FieldError id="password-error" messages={errors?.password} />
      </div>
      <div>
        <Label htmlFor="confirmPassword">Repeat the password</Label>
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          className="mt-1.5"
          {...attrs("confirmPassword")}
        />
        <FieldError id="confirmPassword-error" messages={errors?.confirmPassword} />
      </div>
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? <SpinnerIcon className="size-4" /> : null}
        Create account and join
      </Button>
    </form>
  );
}
