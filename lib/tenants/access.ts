// Which tenants a user can open, and with which role. Memberships are identity data (global
// models), so these reads need no tenant context; the memberships table's RLS shows them
// through app.user_id (the person's own rows), set in the same transaction as the query.
//
// Hierarchy: a membership with `inherit` set also opens every descendant of its tenant, with
// the same role (so at most that role), except a descendant that blocked this person's
// inherited access (lib/tenants/inheritance.ts; its own children decide for themselves). A
// direct membership in a tenant is the tenant's own decision and wins over an inherited one;
// among inherited ones the strongest role wins.
import "server-only";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantAccess, TenantMembership } from "./types";

/** How deep the hierarchy is followed (regions → municipalities → districts is 2). */
const MAX_DEPTH = 8;

type Row = {
  id: string;
  slug: string;
  name: string;
  role: Role;
  via_id: string;
  via_slug: string;
  via_name: string;
  depth: number;
};

export async function listMemberships(userId: string): Promise<TenantMembership[]> {
  const db = await getDb();
  // The blocks live in the child tenants (RLS); the signed-in person's own rows are visible
  // through app.user_id, set for this one read-only transaction.
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
    return tx.$queryRaw<Row[]>`
    WITH RECURSIVE reach AS (
      SELECT m.tenant_id, m.role, m.inherit, m.tenant_id AS via, 0 AS depth
        FROM memberships m WHERE m.user_id = ${userId}::uuid
      UNION ALL
      SELECT t.id, r.role, r.inherit, r.via, r.depth + 1
        FROM reach r JOIN tenants t ON t.parent_id = r.tenant_id
       WHERE r.inherit AND r.depth < ${MAX_DEPTH}
    )
    SELECT DISTINCT ON (t.id) t.id, t.slug, t.name, r.role, v.id AS via_id, v.slug AS via_slug, v.name AS via_name, r.depth
      FROM reach r JOIN tenants t ON t.id = r.tenant_id JOIN tenants v ON v.id = r.via
     WHERE r.depth = 0 OR NOT EXISTS (SELECT 1 FROM inheritance_blocks b WHERE b.tenant_id = t.id AND b.user_id = ${userId}::uuid)
     ORDER BY t.id, (r.depth = 0) DESC,
              CASE r.role WHEN 'OWNER' THEN 4 WHEN 'ADMIN' THEN 3 WHEN 'MEMBER' THEN 2 WHEN 'COMPLIANCE' THEN 1 ELSE 0 END DESC,
              r.depth`;
  });
  return rows
    .map((r) => ({
      tenant: { id: r.id, slug: r.slug, name: r.name },
      role: r.role,
      ...(r.depth > 0 ? { inheritedFrom: { id: r.via_id, slug: r.via_slug, name: r.via_name } } : {}),
    }))
    .sort((a, b) => a.tenant.name.localeCompare(b.tenant.name));
}

/** The user's access to the tenant with this slug, or null when they cannot open it. */
export async function resolveTenantAccess(user: TenantAccess["user"], slug: string): Promise<TenantAccess | null> {
  const memberships = await listMemberships(user.id);
  const current = memberships.find((m) => m.tenant.slug === slug);
  if (!current) return null;
  return {
    user,
    tenant: current.tenant,
    role: current.role,
    ...(current.inheritedFrom ? { inheritedFrom: current.inheritedFrom } : {}),
    memberships,
  };
}
