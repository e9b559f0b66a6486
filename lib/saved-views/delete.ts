// Deletes one of the author's own views of one list (a shared one too): anyone else's view,
// or a view of another list, is not found.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { authorizeSavedView } from "./authorize";
import type { DeleteViewInput, SavedViewResource } from "./schemas";

export async function deleteView(
  ctx: TenantContext,
  input: DeleteViewInput & { resource: SavedViewResource },
): Promise<void> {
  // Deleting needs what a private view of the list needs; a shared one's author keeps the right
  // to take it back even if their role may no longer share.
  authorizeSavedView(ctx, { resource: input.resource, shared: false });
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const { count } = await tx.savedView.deleteMany({
      where: { id: input.id, userId: ctx.userId, resource: input.resource },
    });
    if (count === 0) throw new NotFoundError("Saved view not found");
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "saved_view.deleted",
      targetType: "saved_view",
      targetId: input.id,
      data: { resource: input.resource },
    });
  });
}
