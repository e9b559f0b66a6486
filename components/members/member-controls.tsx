"use client";
// Per-member controls on the members page. Each is shown only when the viewer's role allows it
// (the page decides from lib/auth/permissions.ts); the server checks again regardless.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  blockInheritedMemberAction,
  changeRoleAction,
  leaveTenantAction,
  removeMemberAction,
  restoreInheritedMemberAction,
  revokeInvitationAction,
  setInheritAction,
  transferOwnershipAction,
} from "@/app/(dashboard)/[tenant]/settings/members/actions";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { SpinnerIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_LABELS } from "./role-labels";

export function RoleSelect({
  slug,
  userId,
  name,
  role,
  roles,
}: {
  slug: string;
  userId: string;
  name: string;
  role: Role;
  roles: Role[];
}) {
  const [value, setValue] = useState(role);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function change(next: Role) {
    const previous = value;
    setValue(next); // optimistic; rolled back below when the server refuses
    setError(null);
    startTransition(async () => {
      const result = await changeRoleAction(slug, { userId, role: next });
      if (!result.ok) {
        setValue(previous);
        setError(result.message);
      }
    });
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex items-center gap-2">
        <Select
          aria-label={`Role of ${name}`}
          value={value}
          onChange={(e) => change(e.target.value as Role)}
          disabled={pending}
          className="h-8 w-36"
        >
          {[...new Set([role, ...roles])].map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
        {pending ? <SpinnerIcon className="size-4 text-muted-foreground" /> : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function InheritToggle({
  slug,
  userId,
  name,
  inherit,
}: {
  slug: string;
  userId: string;
  name: string;
  inherit: boolean;
}) {
  const [checked, setChecked] = useState(inherit);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <label className="inline-flex items-center gap-2 text-sm text-muted-foreground">
      <input
        type="checkbox"
        className="size-4 accent-brand-600"
        checked={checked}
        disabled={pending}
        aria-label={`${name} also has this role in child organisations`}
        onChange={(e) => {
          const next = e.target.checked;
          setChecked(next);
          startTransition(async () => {
            const result = await setInheritAction(slug, { userId, inherit: next });
            if (!result.ok) {
              setChecked(!next);
              setError(result.message);
            } else setError(null);
          });
        }}
      />
      Child orgs
      {error ? (
        <span role="alert" className="text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function RemoveMemberButton({ slug, userId, name }: { slug: string; userId: string; name: string }) {
  return (
    <ConfirmActionButton
      label="Remove"
      confirmLabel="Remove"
      accessibleName={name}
      run={() => removeMemberAction(slug, { userId })}
    />
  );
}

/** Blocks (or, once blocked, restores) access that reaches this tenant from a parent organisation. */
export function InheritedAccessButton({
  slug,
  userId,
  name,
  blocked,
}: {
  slug: string;
  userId: string;
  name: string;
  blocked: boolean;
}) {
  return blocked ? (
    <ConfirmActionButton
      label="Restore access"
      confirmLabel="Restore"
      accessibleName={name}
      run={() => restoreInheritedMemberAction(slug, { userId })}
    />
  ) : (
    <ConfirmActionButton
      label="Block access"
      confirmLabel="Block"
      accessibleName={name}
      run={() => blockInheritedMemberAction(slug, { userId })}
    />
  );
}

export function RevokeInvitationButton({
  slug,
  invitationId,
  email,
}: {
  slug: string;
  invitationId: string;
  email: string;
}) {
  return (
    <ConfirmActionButton
      label="Revoke"
      confirmLabel="Revoke"
      accessibleName={`invitation for ${email}`}
      run={() => revokeInvitationAction(slug, { invitationId })}
    />
  );
}

export function LeaveTenantButton({ slug, tenantName }: { slug: string; tenantName: string }) {
  const router = useRouter();
  return (
    <ConfirmActionButton
      label={`Leave ${tenantName}`}
      confirmLabel="Yes, leave"
      variant="danger"
      run={() => leaveTenantAction(slug, {})}
      onDone={(r) => {
        if (r.ok) router.push("/no-tenant");
      }}
    />
  );
}

export function TransferOwnershipForm({
  slug,
  candidates,
}: {
  slug: string;
  candidates: Array<{ userId: string; name: string; email: string }>;
}) {
  const [userId, setUserId] = useState(candidates[0]?.userId ?? "");
  const router = useRouter();
  if (candidates.length === 0)
    return <p className="text-sm text-muted-foreground">Invite someone first: ownership can only go to a member.</p>;
  const target = candidates.find((c) => c.userId === userId);
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
      <Select aria-label="New owner" value={userId} onChange={(e) => setUserId(e.target.value)} className="sm:w-72">
        {candidates.map((c) => (
          <option key={c.userId} value={c.userId}>
            {c.name} ({c.email})
          </option>
        ))}
      </Select>
      <ConfirmActionButton
        label="Transfer ownership"
        confirmLabel={`Make ${target?.name ?? "them"} owner`}
        variant="danger"
        run={() => transferOwnershipAction(slug, { userId })}
        onDone={(r) => {
          if (r.ok) router.refresh();
        }}
      />
    </div>
  );
}
