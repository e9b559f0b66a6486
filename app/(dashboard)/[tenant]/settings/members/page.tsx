import type { Metadata } from "next";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { formatDate } from "@/lib/format/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import {
  InheritedAccessButton,
  InheritToggle,
  LeaveTenantButton,
  RemoveMemberButton,
  RevokeInvitationButton,
  RoleSelect,
  TransferOwnershipForm,
} from "@/components/members/member-controls";
import { ROLE_LABELS } from "@/components/members/role-labels";
import { can, canManageRole } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { listPendingInvitations } from "@/lib/tenants/invitations";
import { listMembers } from "@/lib/tenants/members";
import { ROLES } from "@/lib/tenants/schemas";

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const access = await requireTenantAccess((await params).tenant);
  return { title: `Members – ${access.tenant.name}` };
}

export default async function MembersPage({ params }: Props) {
  const { tenant: slug } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  const fmt = await readFormatSettings(access.tenant.id);
  const role = access.role;
  const canInvite = can(role, "member.invite");
  const [members, invitations] = await Promise.all([
    listMembers(ctx),
    canInvite ? listPendingInvitations(ctx) : Promise.resolve([]),
  ]);
  const grantable = ROLES.filter((r) => canManageRole(role, r));
  const direct = members.filter((m) => !m.inheritedFrom);
  const inherited = members.filter((m) => m.inheritedFrom);
  const isDirectMember = direct.some((m) => m.userId === access.user.id);
  // The last owner is refused by removeMember; offering "Yes, leave" first was a dead end.
  const isLastOwner =
    direct.find((m) => m.userId === access.user.id)?.role === "OWNER" &&
    direct.filter((m) => m.role === "OWNER").length <= 1;

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Members</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Who works in {access.tenant.name}, and what they may do. You are {ROLE_LABELS[role].toLowerCase()}
          {access.inheritedFrom ? ` through ${access.inheritedFrom.name}` : ""}.
        </p>
      </div>

      {canInvite ? (
        <Card>
          <CardHeader>
            <CardTitle>Invite someone</CardTitle>
            <CardDescription>
              They get an email with a link to join. You can only give roles up to your own.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <InviteMemberForm slug={slug} roles={grantable} />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Team ({direct.length})</CardTitle>
        </CardHeader>
        <CardContent className="p-0">
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Members of {access.tenant.name}</caption>
              <thead className="border-b border-border text-left text-xs tracking-wide text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium sm:px-6">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Role
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
                    Joined
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium sm:px-6">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {direct.map((m) => {
                  const self = m.userId === access.user.id;
                  const manageable = !self && can(role, "member.update") && canManageRole(role, m.role);
                  return (
                    // The anchor other pages link a person to (the billing page's usage per person).
                    <tr
                      key={m.userId}
                      id={`member-${m.userId}`}
                      className="scroll-mt-20 target:bg-brand-50 dark:target:bg-brand-400/15"
                    >
                      <td className="px-4 py-3 sm:px-6">
                        <div className="font-medium text-foreground">
                          {m.name} {self ? <Badge className="ml-1">You</Badge> : null}
                        </div>
                        <div className="text-muted-foreground">{m.email}</div>
                      </td>
                      <td className="px-4 py-3">
                        {manageable ? (
                          <div className="flex flex-col gap-2">
                            <RoleSelect slug={slug} userId={m.userId} name={m.name} role={m.role} roles={grantable} />
                            <InheritToggle slug={slug} userId={m.userId} name={m.name} inherit={m.inherit} />
                          </div>
                        ) : (
                          <span>
                            {ROLE_LABELS[m.role]}
                            {m.inherit ? <span className="text-muted-foreground"> · also in child orgs</span> : null}
                          </span>
                        )}
                      </td>
                      <td className="hidden px-4 py-3 text-muted-foreground md:table-cell">
                        {formatDate(m.joinedAt, fmt)}
                      </td>
                      <td className="px-4 py-3 text-right sm:px-6">
                        {!self && can(role, "member.remove") && canManageRole(role, m.role) ? (
                          <RemoveMemberButton slug={slug} userId={m.userId} name={m.name} />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </CardContent>
      </Card>

      {inherited.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Access through a parent organisation ({inherited.length})</CardTitle>
            <CardDescription>
              Granted by a parent organisation to its members. {access.tenant.name} decides whether it reaches here:
              blocking it takes effect at once, and only here.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="divide-y divide-border text-sm">
              {inherited.map((m) => {
                const manageable =
                  m.userId !== access.user.id && can(role, "member.remove") && canManageRole(role, m.role);
                return (
                  <li
                    key={m.userId}
                    id={`member-${m.userId}`}
                    className="flex scroll-mt-20 flex-wrap items-center justify-between gap-3 py-3 target:bg-brand-50 dark:target:bg-brand-400/15"
                  >
                    <div>
                      <div className="font-medium text-foreground">
                        {m.name} {m.userId === access.user.id ? <Badge className="ml-1">You</Badge> : null}
                        {m.blocked ? <Badge className="ml-1">Blocked</Badge> : null}
                      </div>
                      <div className="text-muted-foreground">
                        {m.email} · {ROLE_LABELS[m.role]} via {m.inheritedFrom!.name}
                      </div>
                    </div>
                    {manageable ? (
                      <InheritedAccessButton slug={slug} userId={m.userId} name={m.name} blocked={!!m.blocked} />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      {canInvite ? (
        <Card>
          <CardHeader>
            <CardTitle>Pending invitations ({invitations.length})</CardTitle>
          </CardHeader>
          <CardContent>
            {invitations.length === 0 ? (
              <p className="text-sm text-muted-foreground">No invitations waiting for an answer.</p>
            ) : (
              <ul className="divide-y divide-border text-sm">
                {invitations.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                    <div>
                      <div className="font-medium text-foreground">{i.email}</div>
                      <div className="text-muted-foreground">
                        {ROLE_LABELS[i.role]} · invited {i.invitedBy ? `by ${i.invitedBy} ` : ""}on{" "}
                        {formatDate(i.createdAt, fmt)} · expires {formatDate(i.expiresAt, fmt)}
                      </div>
                    </div>
                    {canManageRole(role, i.role) ? (
                      <RevokeInvitationButton slug={slug} invitationId={i.id} email={i.email} />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      ) : null}

      {role === "OWNER" ? (
        <Card>
          <CardHeader>
            <CardTitle>Transfer ownership</CardTitle>
            <CardDescription>The new owner gets full control; you stay on as an admin.</CardDescription>
          </CardHeader>
          <CardContent>
            <TransferOwnershipForm
              slug={slug}
              candidates={direct
                .filter((m) => m.userId !== access.user.id)
                .map(({ userId, name, email }) => ({ userId, name, email }))}
            />
          </CardContent>
        </Card>
      ) : null}

      {isDirectMember ? (
        <Card>
          <CardHeader>
            <CardTitle>Leave organisation</CardTitle>
            <CardDescription>
              {isLastOwner
                ? "You are the only owner, and an organisation must keep one: transfer ownership above, then you can leave."
                : "You lose access at once."}
            </CardDescription>
          </CardHeader>
          {isLastOwner ? null : (
            <CardContent>
              <LeaveTenantButton slug={slug} tenantName={access.tenant.name} />
            </CardContent>
          )}
        </Card>
      ) : null}
    </div>
  );
}
