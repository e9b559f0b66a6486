// Access that reaches a tenant from above: members of an ancestor whose membership has
// `inherit` set. The ancestor grants it; the tenant it reaches keeps the last word: its OWNER
// or ADMIN sees every such person (with where the access comes from) and can block it for
// this tenant (an InheritanceBlock row), or lift the block again. The rules:
//   - nobody blocks or restores their own access (no one changes their own access);
//   - nobody acts on a role above their own (an ADMIN cannot block an inherited OWNER);
//   - a block is for this tenant only: each child tenant decides for itself;
//   - every change writes its audit event in the same transaction.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { canManageRole } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantTx } from "./lock";

/** How far up the hierarchy inheritance is followed (as in lib/tenants/access.ts). */
const MAX_DEPTH = 8;

export type InheritedMember = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  inheritedFrom: { slug: string; name: string };
  blocked: boolean;
};

type Row = {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  created_at: Date;
  slug: string;
  tname: string;
  blocked: boolean;
};

/**
 * Everyone an ancestor's inheriting membership reaches this tenant with, strongest role first
 * per person, except people who are direct members here (their own membership wins). Blocked
 * people are included with `blocked: true`, so the page can offer to restore them.
 */
export async function inheritedMembersOf(tx: TenantTx, tenantId: string): Promise<InheritedMember[]> {
  const rows = await tx.$queryRaw<Row[]>`
    WITH RECURSIVE up AS (
      SELECT parent_id AS id, 1 AS depth FROM tenants WHERE id = ${tenantId}::uuid AND parent_id IS NOT NULL
      UNION ALL
      SELECT t.parent_id, up.depth + 1 FROM up JOIN tenants t ON t.id = up.id WHERE t.parent_id IS NOT NULL AND up.depth < ${MAX_DEPTH}
    )
    SELECT DISTINCT ON (m.user_id) m.user_id, u.name, u.email, m.role, m.created_at, t.slug, t.name AS tname,
           EXISTS (SELECT 1 FROM inheritance_blocks b WHERE b.tenant_id = ${tenantId}::uuid AND b.user_id = m.user_id) AS blocked
      FROM up JOIN memberships m ON m.tenant_id = up.id AND m.inherit
      JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = up.id
     WHERE NOT EXISTS (SELECT 1 FROM memberships d WHERE d.tenant_id = ${tenantId}::uuid AND d.user_id = m.user_id)
     ORDER BY m.user_id,
              CASE m.role WHEN 'OWNER' THEN 4 WHEN 'ADMIN' THEN 3 WHEN 'MEMBER' THEN 2 WHEN 'COMPLIANCE' THEN 1 ELSE 0 END DESC,
              up.depth`;
  return rows
    .map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      role: r.role,
      joinedAt: r.created_at,
      inheritedFrom: { slug: r.slug, name: r.tname },
      blocked: r.blocked,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listInheritedMembers(ctx: TenantContext): Promise<InheritedMember[]> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction((tx) => inheritedMembersOf(tx, ctx.tenantId));
}

async function inheritedTarget(tx: TenantTx, ctx: TenantContext, userId: string): Promise<InheritedMember> {
  if (userId === ctx.userId) throw new ForbiddenError("You cannot change your own access");
  const target = (await inheritedMembersOf(tx, ctx.tenantId)).find((m) => m.userId === userId);
  if (!target) throw new NotFoundError("No one by that id reaches this organisation through a parent organisation");
  if (!canManageRole(ctx.role, target.role)) throw new ForbiddenError("Your role cannot change this member's access");
  return target;
}

/** Stops `userId`'s inherited access to this tenant (their access elsewhere is untouched). */
export async function blockInheritedMember(ctx: TenantContext, input: { userId: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const target = await inheritedTarget(tx, ctx, input.userId);
    if (target.blocked) throw new ConflictError("This person's inherited access is already blocked here");
    await tx.inheritanceBlock.create({ data: { tenantId: ctx.tenantId, userId: input.userId } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "member.inheritance_blocked",
      targetType: "user",
      targetId: input.userId,
      data: { role: target.role, from: target.inheritedFrom.slug },
    });
  });
}

/** Lets `userId`'s inherited access reach this tenant again. */
export async function restoreInheritedMember(ctx: TenantContext, input: { userId: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const target = await inheritedTarget(tx, ctx, input.userId);
    if (!target.blocked) throw new ConflictError("This person's inherited access is not blocked here");
    await tx.inheritanceBlock.deleteMany({ where: { userId: input.userId } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "member.inheritance_restored",
      targetType: "user",
      targetId: input.userId,
      data: { role: target.role, from: target.inheritedFrom.slug },
    });
  });
}
