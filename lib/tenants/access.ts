// Which tenants a user belongs to, and with which role. Memberships are identity data (global
// models), so these reads need no tenant context; everything after them does.
import "server-only";
import { getDb } from "@/lib/db";
import type { TenantAccess, TenantSummary } from "./types";
import type { Role } from "@/lib/generated/prisma/enums";

export async function listMemberships(userId: string): Promise<Array<{ tenant: TenantSummary; role: Role }>> {
  const db = await getDb();
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
    orderBy: { tenant: { name: "asc" } },
  });
  return rows.map((r) => ({ tenant: r.tenant, role: r.role }));
}

/** The user's access to the tenant with this slug, or null when they are not a member. */
export async function resolveTenantAccess(
  user: { id: string; email: string; name: string },
  slug: string,
): Promise<TenantAccess | null> {
  const memberships = await listMemberships(user.id);
  const current = memberships.find((m) => m.tenant.slug === slug);
  if (!current) return null;
  return { user, tenant: current.tenant, role: current.role, memberships };
}
