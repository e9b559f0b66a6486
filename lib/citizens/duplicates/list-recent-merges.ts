// The merges a person can still undo: made in the last UNDO_WINDOW_DAYS and not undone, newest
// first, with both names as they were (the tombstone keeps its name).
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { UNDO_WINDOW_DAYS } from "./schemas";
import { formatName } from "@/lib/format/format";

export type RecentMerge = {
  id: string;
  createdAt: Date;
  kept: { id: string; name: string };
  merged: { id: string; name: string };
};

export async function listRecentMerges(ctx: Pick<TenantContext, "tenantId">, limit = 20): Promise<RecentMerge[]> {
  const db = await getDb();
  const since = new Date(Date.now() - UNDO_WINDOW_DAYS * 86_400_000);
  const name = { select: { id: true, firstName: true, lastName: true } };
  const rows = await db.forTenant(ctx).citizenMerge.findMany({
    where: { undoneAt: null, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { kept: name, merged: name },
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    kept: { id: r.kept.id, name: formatName(r.kept) },
    merged: { id: r.merged.id, name: formatName(r.merged) },
  }));
}
