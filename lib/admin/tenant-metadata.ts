// What the admin sees of one tenant before opening its data: the global tenant row and
// counts of its memberships and child tenants. Nothing tenant-owned, so no audit event; the
// tenant's own data is only reachable through readTenantAsPlatformAdmin (read-tenant.ts).
import "server-only";
import { z } from "zod";
import { readPlatformDirectory } from "./directory";
import type { TenantMetadata } from "./types";

/** Null for an unknown or malformed id: the page answers 404 either way. */
export async function getTenantMetadata(tenantId: string): Promise<TenantMetadata | null> {
  if (!z.guid().safeParse(tenantId).success) return null;
  const tenant = await readPlatformDirectory((db) =>
    db.tenant.findUnique({
      where: { id: tenantId },
      select: {
        id: true,
        slug: true,
        name: true,
        createdAt: true,
        parent: { select: { id: true, name: true, slug: true } },
        _count: { select: { memberships: true, children: true } },
      },
    }),
  );
  if (!tenant) return null;
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    parent: tenant.parent,
    childCount: tenant._count.children,
    memberCount: tenant._count.memberships,
    createdAt: tenant.createdAt,
  };
}
