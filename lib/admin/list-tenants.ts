// The tenant list of the admin area: search by name or slug, alphabetical, keyset pages.
// Tenants are global; the member counts go through readPlatformDirectory (memberships have RLS).
import "server-only";
import { readPlatformDirectory } from "./directory";
import { parseInput } from "@/lib/errors";
import { listTenantsSchema, type ListTenantsInput } from "./schemas";
import { containsInsensitive } from "./search";
import type { Page, TenantListItem } from "./types";

export async function listTenants(input: ListTenantsInput = {}): Promise<Page<TenantListItem>> {
  const { q, cursor, limit } = parseInput(listTenantsSchema, input);
  const rows = await readPlatformDirectory((db) =>
    db.tenant.findMany({
      where: q ? { OR: [{ name: containsInsensitive(q) }, { slug: containsInsensitive(q) }] } : undefined,
      // id breaks ties between equal names, so the cursor names exactly one position.
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      take: limit + 1, // one extra row says whether there is a next page
      select: {
        id: true,
        slug: true,
        name: true,
        createdAt: true,
        parent: { select: { name: true } },
        _count: { select: { memberships: true } },
      },
    }),
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: t.name,
      parentName: t.parent?.name ?? null,
      memberCount: t._count.memberships,
      createdAt: t.createdAt,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
