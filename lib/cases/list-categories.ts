// The categories a tenant uses: every distinct category of its cases, for the classification
// feature (the model may only suggest one of these) and for pickers. Categories are free text on
// the case, so "the tenant's categories" are the ones its cases already carry.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";

/** More than this is not a category list any more; the most used ones are kept. */
export const MAX_CATEGORIES = 100;

export async function listCaseCategories(ctx: Pick<TenantContext, "tenantId">): Promise<string[]> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).case.groupBy({
    by: ["category"],
    where: { category: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { category: "desc" } },
    take: MAX_CATEGORIES,
  });
  return rows
    .map((r) => r.category?.trim() ?? "")
    .filter((c) => c !== "")
    .sort((a, b) => a.localeCompare(b, "en"));
}
