// The views of one list a user sees: their own and the ones shared with the tenant. The query
// is stored as the list schema parsed it, so opening a view is just navigating to its parameters.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { tenantQuery } from "@/lib/db/tenant-read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SavedViewResource } from "./schemas";
import type { SavedViewItem } from "./types";

type Row = { id: string; name: string; query: unknown; shared: boolean; mine: boolean };

// Read on every list page render: one pipelined round trip (tenantQuery) rather than a Prisma
// read in an interactive transaction (four round trips and the transaction machinery).
export async function listSavedViews(ctx: TenantContext, resource: SavedViewResource): Promise<SavedViewItem[]> {
  const rows = await tenantQuery<Row>(
    ctx.tenantId,
    Prisma.sql`
      SELECT id::text, name, query, shared, user_id = ${ctx.userId}::uuid AS mine
        FROM saved_views
       WHERE tenant_id = ${ctx.tenantId}::uuid AND resource = ${resource}
         AND (user_id = ${ctx.userId}::uuid OR shared)
       ORDER BY name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    query: r.query as Record<string, string>,
    shared: r.shared,
    mine: r.mine,
  }));
}
