// Saved views: a named citizens (or cases) list query. Private to their author unless shared
// with the tenant. The query is stored as the list schema parsed it, so opening a view is
// just navigating to its parameters.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export type SavedViewItem = { id: string; name: string; query: Record<string, string>; shared: boolean; mine: boolean };

export async function listSavedViews(ctx: TenantContext, resource: string): Promise<SavedViewItem[]> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).savedView.findMany({ where: { resource, OR: [{ userId: ctx.userId }, { shared: true }] }, orderBy: { name: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, query: r.query as Record<string, string>, shared: r.shared, mine: r.userId === ctx.userId }));
}

export async function saveView(ctx: TenantContext, input: { resource: string; name: string; query: Record<string, string>; shared: boolean }): Promise<{ id: string }> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const view = await tx.savedView.create({ data: { tenantId: ctx.tenantId, userId: ctx.userId, resource: input.resource, name: input.name, query: input.query as Prisma.InputJsonValue, shared: input.shared }, select: { id: true } });
    await recordAudit(tx, { tenantId: ctx.tenantId, action: "saved_view.created", targetType: "saved_view", targetId: view.id, data: { name: input.name, shared: input.shared } });
    return view;
  });
}

export async function deleteView(ctx: TenantContext, input: { id: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    // Only the author deletes a view (a shared one too).
    const { count } = await tx.savedView.deleteMany({ where: { id: input.id, userId: ctx.userId } });
    if (count === 0) throw new NotFoundError("Saved view not found");
    await recordAudit(tx, { tenantId: ctx.tenantId, action: "saved_view.deleted", targetType: "saved_view", targetId: input.id });
  });
}
