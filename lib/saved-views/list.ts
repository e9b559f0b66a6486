// The views of one list a user sees: their own and the ones shared with the tenant. The query
// is stored as the list schema parsed it, so opening a view is just navigating to its parameters.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import type { SavedViewResource } from "./schemas";
import type { SavedViewItem } from "./types";

export async function listSavedViews(ctx: TenantContext, resource: SavedViewResource): Promise<SavedViewItem[]> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).savedView.findMany({
    where: { resource, OR: [{ userId: ctx.userId }, { shared: true }] },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    query: r.query as Record<string, string>,
    shared: r.shared,
    mine: r.userId === ctx.userId,
  }));
}
