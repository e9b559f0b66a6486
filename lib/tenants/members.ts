// Members of a tenant: list, change a role, remove (or leave), hand over ownership, let a
// membership reach child tenants. The rules, all enforced here:
//   - nobody acts above their own role, and nobody changes their own access (role, inherit):
//     no self-promotion, no granting oneself the child tenants;
//   - a tenant always keeps at least one OWNER (checked under a lock on the tenant row);
//   - a role change signs the member out everywhere, so no open tab keeps the old rights;
//   - every change writes its audit event in the same transaction.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { can, canManageRole } from "@/lib/auth/permissions";
import { revokeUserSessions } from "@/lib/auth/sessions/revoke";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { inheritedMembersOf } from "./inheritance";
import { lockTenant, ownerCount, type TenantTx } from "./lock";

export type MemberRow = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  inherit: boolean;
  joinedAt: Date;
  /** Set for access through an ancestor tenant; `blocked` when this tenant blocked it. */
  inheritedFrom?: { slug: string; name: string };
  blocked?: boolean;
};

export const LAST_OWNER_MESSAGE = "An organisation must keep at least one owner: make someone else owner first";

export async function listMembers(ctx: TenantContext): Promise<MemberRow[]> {
  const db = await getDb();
  // One transaction with the tenant set: the memberships table's RLS shows this tenant's rows
  // and its ancestors' inheriting ones, nothing else.
  const { direct, inherited } = await db.forTenant(ctx).$tenantTransaction(async (tx) => ({
    direct: await tx.membership.findMany({
      where: { tenantId: ctx.tenantId },
      select: { role: true, inherit: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ user: { name: "asc" } }],
    }),
    // People who reach this tenant through an ancestor's membership with `inherit` set, the
    // ones this tenant blocked included (marked): its owners see every one of them.
    inherited: await inheritedMembersOf(tx, ctx.tenantId),
  }));
  return [
    ...direct.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      inherit: m.inherit,
      joinedAt: m.createdAt,
    })),
    ...inherited.map((m) => ({ ...m, inherit: false })),
  ];
}

async function membershipOf(tx: TenantTx, tenantId: string, userId: string) {
  const m = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
  if (!m) throw new NotFoundError("Member not found");
  return m;
}

export async function changeMemberRole(ctx: TenantContext, input: { userId: string; role: Role }): Promise<void> {
  if (input.userId === ctx.userId) throw new ForbiddenError("You cannot change your own role");
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    await lockTenant(tx, ctx.tenantId);
    const target = await membershipOf(tx, ctx.tenantId, input.userId);
    if (target.role === input.role) return;
    if (!canManageRole(ctx.role, target.role) || !canManageRole(ctx.role, input.role)) {
      throw new ForbiddenError("Your role cannot make this change");
    }
    if (target.role === "OWNER" && (await ownerCount(tx, ctx.tenantId)) <= 1)
      throw new ConflictError(LAST_OWNER_MESSAGE);
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "member.role_changed",
      targetType: "user",
      targetId: input.userId,
      data: { before: { role: target.role }, after: { role: input.role } },
    });
    await revokeUserSessions(tx, input.userId, "role_changed");
  });
}

/** Removes a member; `userId === ctx.userId` is leaving, which any member may do. */
export async function removeMember(ctx: TenantContext, input: { userId: string }): Promise<void> {
  const leaving = input.userId === ctx.userId;
  if (!leaving && !can(ctx.role, "member.remove")) throw new ForbiddenError();
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    await lockTenant(tx, ctx.tenantId);
    const target = await membershipOf(tx, ctx.tenantId, input.userId);
    if (!leaving && !canManageRole(ctx.role, target.role))
      throw new ForbiddenError("Your role cannot remove this member");
    if (target.role === "OWNER" && (await ownerCount(tx, ctx.tenantId)) <= 1)
      throw new ConflictError(LAST_OWNER_MESSAGE);
    await tx.membership.delete({ where: { id: target.id } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: leaving ? "member.left" : "member.removed",
      targetType: "user",
      targetId: input.userId,
      data: { role: target.role },
    });
  });
}

/** The OWNER hands ownership to another member and stays on as ADMIN. */
export async function transferOwnership(ctx: TenantContext, input: { userId: string }): Promise<void> {
  if (ctx.role !== "OWNER") throw new ForbiddenError("Only an owner can transfer ownership");
  if (input.userId === ctx.userId) throw new ConflictError("You already own this organisation");
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    await lockTenant(tx, ctx.tenantId);
    const self = await membershipOf(tx, ctx.tenantId, ctx.userId);
    if (self.role !== "OWNER") throw new ForbiddenError("Only an owner can transfer ownership");
    const target = await membershipOf(tx, ctx.tenantId, input.userId);
    await tx.membership.update({ where: { id: target.id }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { id: self.id }, data: { role: "ADMIN" } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "tenant.ownership_transferred",
      targetType: "user",
      targetId: input.userId,
      data: { from: ctx.userId, before: { role: target.role }, after: { role: "OWNER" } },
    });
    await revokeUserSessions(tx, input.userId, "role_changed");
  });
}

/** Whether a member's role also applies in this tenant's child tenants. */
export async function setMemberInherit(ctx: TenantContext, input: { userId: string; inherit: boolean }): Promise<void> {
  // An ADMIN turning on their own inherit would grant themselves every child tenant.
  if (input.userId === ctx.userId) throw new ForbiddenError("You cannot change your own access");
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const target = await membershipOf(tx, ctx.tenantId, input.userId);
    if (!canManageRole(ctx.role, target.role)) throw new ForbiddenError("Your role cannot change this member");
    if (target.inherit === input.inherit) return;
    await tx.membership.update({ where: { id: target.id }, data: { inherit: input.inherit } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "member.inherit_changed",
      targetType: "user",
      targetId: input.userId,
      data: { before: { inherit: target.inherit }, after: { inherit: input.inherit } },
    });
  });
}
