// Saves a named query of one list, private to its author unless shared with the tenant.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorizeSavedView } from "./authorize";
import type { SavedViewResource, SaveViewInput } from "./schemas";

export async function saveView(
  ctx: TenantContext,
  input: SaveViewInput & { resource: SavedViewResource },
): Promise<{ id: string }> {
  authorizeSavedView(ctx, input);
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const view = await tx.savedView.create({
      data: {
        tenantId: ctx.tenantId,
        userId: ctx.userId,
        resource: input.resource,
        name: input.name,
        query: input.query as Prisma.InputJsonValue,
        shared: input.shared,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "saved_view.created",
      targetType: "saved_view",
      targetId: view.id,
      data: { name: input.name, shared: input.shared, resource: input.resource },
    });
    return view;
  });
}
