"use server";
// Thin server actions for the members page: the guard authenticates, resolves the tenant from
// the slug, checks the permission and parses the input; lib/tenants does the work.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/auth/guard";
import { blockInheritedMember, restoreInheritedMember } from "@/lib/tenants/inheritance";
import { inviteMember, revokeInvitation } from "@/lib/tenants/invitations";
import { changeMemberRole, removeMember, setMemberInherit, transferOwnership } from "@/lib/tenants/members";
import {
  changeRoleSchema,
  inheritedMemberSchema,
  inviteMemberSchema,
  removeMemberSchema,
  revokeInvitationSchema,
  setInheritSchema,
  transferOwnershipSchema,
} from "@/lib/tenants/schemas";

const refresh = (slug: string) => revalidatePath(`/${slug}/settings/members`);

export const inviteMemberAction = tenantAction("member.invite", inviteMemberSchema, async (ctx, input) => {
  const result = await inviteMember(ctx, input);
  refresh(ctx.access.tenant.slug);
  return { email: input.email, expiresAt: result.expiresAt.toISOString() };
});

export const revokeInvitationAction = tenantAction("invitation.revoke", revokeInvitationSchema, async (ctx, input) => {
  await revokeInvitation(ctx, input);
  refresh(ctx.access.tenant.slug);
  return null;
});

export const changeRoleAction = tenantAction("member.update", changeRoleSchema, async (ctx, input) => {
  await changeMemberRole(ctx, input);
  refresh(ctx.access.tenant.slug);
  return null;
});

export const setInheritAction = tenantAction("member.update", setInheritSchema, async (ctx, input) => {
  await setMemberInherit(ctx, input);
  refresh(ctx.access.tenant.slug);
  return null;
});

export const blockInheritedMemberAction = tenantAction("member.remove", inheritedMemberSchema, async (ctx, input) => {
  await blockInheritedMember(ctx, input);
  refresh(ctx.access.tenant.slug);
  return null;
});

export const restoreInheritedMemberAction = tenantAction("member.remove", inheritedMemberSchema, async (ctx, input) => {
  await restoreInheritedMember(ctx, input);
  refresh(ctx.access.tenant.slug);
  return null;
});

export const removeMemberAction = tenantAction("member.remove", removeMemberSchema, async (ctx, input) => {
  await removeMember(ctx, input);
  refresh(ctx.access.tenant.slug);
  return null;
});

/** Leaving needs no permission beyond membership; the last owner is still refused. */
export const leaveTenantAction = tenantAction("tenant.read", removeMemberSchema.omit({ userId: true }), async (ctx) => {
  await removeMember(ctx, { userId: ctx.userId });
  return null;
});

export const transferOwnershipAction = tenantAction("tenant.transfer", transferOwnershipSchema, async (ctx, input) => {
  await transferOwnership(ctx, input);
  refresh(ctx.access.tenant.slug);
  return null;
});
