// Inviting people into a tenant, and taking invitations back. The invitee receives a link with
// a secret token; only its hash is stored (lib/tenants/tokens.ts). Nobody can invite above
// their own role (canManageRole), and the email goes out only after the invitation committed.
import "server-only";
import { assertSeatForInvitation } from "@/lib/billing/seats";
import { recordAudit } from "@/lib/audit/record";
import { canManageRole } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { currentLogContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { sendEmail } from "@/lib/email";
import { appUrl } from "@/lib/email/app-url";
import { invitationEmail } from "@/lib/email/templates/invitation";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { enforceRateLimits } from "@/lib/rate-limit/enforce";
import { INVITES_PER_IP, INVITES_PER_USER, inviteIpKey, inviteUserKey } from "./invite-policy";
import type { InviteMemberInput } from "./schemas";
import { newSecretToken } from "@/lib/crypto/secret-token";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

export type PendingInvitation = {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  invitedBy: string | null;
};

export async function inviteMember(
  ctx: TenantContext,
  input: InviteMemberInput,
): Promise<{ invitationId: string; expiresAt: Date }> {
  if (!canManageRole(ctx.role, input.role)) {
    throw new ForbiddenError(`Your role cannot invite someone as ${input.role.toLowerCase()}`);
  }
  const ip = currentLogContext()?.ip;
  await enforceRateLimits(
    [
      { key: inviteUserKey(ctx.userId), ...INVITES_PER_USER },
      ...(ip ? [{ key: inviteIpKey(ip), ...INVITES_PER_IP }] : []),
    ],
    "invitations",
  );

  const db = await getDb();
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const { invitation, tenantName, inviterName } = await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const existing = await tx.membership.findFirst({
      where: { tenantId: ctx.tenantId, user: { email: input.email } },
      select: { id: true },
    });
    if (existing)
      throw new ValidationError("Already a member", { email: ["This person is already a member of the organisation"] });
    // A new invitation replaces any earlier pending one for the same address (its seat too).
    const replacing = await tx.invitation.count({
      where: { email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    });
    await assertSeatForInvitation(tx, ctx.tenantId, replacing);
    await tx.invitation.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.create({
      data: {
        tenantId: ctx.tenantId,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedById: ctx.userId,
        expiresAt,
      },
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email: input.email, role: input.role },
    });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true } });
    const inviter = await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } });
    return { invitation, tenantName: tenant.name, inviterName: inviter?.name ?? "A colleague" };
  });

  const link = await appUrl(`/invitations/${token}`);
  await sendEmail({
    to: input.email,
    ...invitationEmail({ tenantName, inviterName, role: input.role, link, expiresAt }),
  });
  return { invitationId: invitation.id, expiresAt };
}

export async function listPendingInvitations(ctx: TenantContext): Promise<PendingInvitation[]> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedById: true },
  });
  const inviters = await db.user.findMany({
    where: { id: { in: rows.flatMap((r) => (r.invitedById ? [r.invitedById] : [])) } },
    select: { id: true, name: true },
  });
  const names = new Map(inviters.map((u) => [u.id, u.name]));
  return rows.map(({ invitedById, ...r }) => ({
    ...r,
    invitedBy: invitedById ? (names.get(invitedById) ?? null) : null,
  }));
}

export async function revokeInvitation(ctx: TenantContext, input: { invitationId: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id: input.invitationId } });
    if (!invitation) throw new NotFoundError("Invitation not found");
    if (invitation.acceptedAt) throw new ConflictError("This invitation has already been accepted");
    if (invitation.revokedAt) return; // revoking twice is harmless
    if (!canManageRole(ctx.role, invitation.role)) throw new ForbiddenError("Your role cannot revoke this invitation");
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
  });
}
