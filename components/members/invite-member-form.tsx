"use client";

import { inviteMemberAction } from "@/app/(dashboard)/[tenant]/settings/members/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { Role } from "@/lib/generated/prisma/enums";
import { inviteMemberSchema } from "@/lib/tenants/schemas";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "./role-labels";

/** Invite by email with a role; `roles` holds only the roles the inviter may grant. */
export function InviteMemberForm({ slug, roles }: { slug: string; roles: Role[] }) {
  const { formRef, state, isPending, fieldErrors, error, onSubmit } = useForm({
    action: async (_prev: Awaited<ReturnType<typeof inviteMemberAction>> | null, data: FormData) => {
      const result = await inviteMemberAction(slug, data);
      // Emptied only once sent: after an error the address stays for correcting.
      if (result.ok) formRef.current?.reset();
      return result;
    },
    initialState: null,
    schema: inviteMemberSchema,
  });
  const success = state?.ok ? `Invitation sent to ${state.data.email}. The link works for 7 days.` : null;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Invite a member">
      <FormAlert error={error} success={success} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
        <div>
          <Label htmlFor="invite-email">Email address</Label>
          <Input
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            placeholder="colleague@example.org"
            aria-invalid={fieldErrors?.email ? true : undefined}
            aria-describedby={fieldErrors?.email ? "invite-email-error" : undefined}
            className="mt-1.5"
          />
          <FieldError id="invite-email-error" messages={fieldErrors?.email} />
        </div>
        <div>
          <Label htmlFor="invite-role">Role</Label>
          <Select
            id="invite-role"
            name="role"
            defaultValue={roles.includes("MEMBER") ? "MEMBER" : roles[0]}
            className="mt-1.5"
            aria-describedby="invite-role-help"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
          <FieldError id="invite-role-error" messages={fieldErrors?.role} />
        </div>
        <Button type="submit" disabled={isPending} className="sm:mt-7">
          {isPending ? <SpinnerIcon className="size-4" /> : null}
          Send invitation
        </Button>
      </div>
      <p id="invite-role-help" className="flex flex-col gap-0.5 text-xs text-muted-foreground">
        {roles.map((r) => (
          <span key={r}>
            <span className="font-medium text-foreground">{ROLE_LABELS[r]}:</span> {ROLE_DESCRIPTIONS[r]}
          </span>
        ))}
      </p>
    </form>
  );
}
