// Where a user lands after signing in: their first tenant's dashboard.
import "server-only";
import { getDb } from "@/lib/db";
import { listMemberships } from "@/lib/tenants/access";

export async function landingPathFor(email: string): Promise<string> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, platformRole: true } });
  const first = user ? (await listMemberships(user.id))[0] : undefined;
  if (first) return `/${first.tenant.slug}`;
  // A platform admin who belongs to no organisation works in the admin area.
  return user?.platformRole === "ADMIN" ? "/admin" : "/no-tenant";
}
