// The one decision behind every tenant-scoped request: signed in, member of the tenant named in
// the URL, and allowed by the role table. Not a member (or no such tenant) is a 404, never a
// 403, so the existence of other tenants is not revealed.
import "server-only";
import { NotFoundError, ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { resolveTenantAccess } from "@/lib/tenants/access";
import { rethrowAsDatabaseError } from "@/lib/db/unavailable";
import type { TenantAccess } from "@/lib/tenants/types";
import { can, type Permission } from "./permissions";
import type { SessionUser } from "./session";

export async function authorizeTenant(
  user: SessionUser | null,
  tenantSlug: string | null | undefined,
  permission: Permission,
): Promise<TenantAccess> {
  if (!user) throw new UnauthorizedError();
  if (!tenantSlug) throw new NotFoundError("Organisation not found");
  // A membership look-up that could not run is a 503, not "not a member" (404).
  const access = await resolveTenantAccess(user, tenantSlug).catch(rethrowAsDatabaseError);
  if (!access) throw new NotFoundError("Organisation not found");
  if (!can(access.role, permission)) throw new ForbiddenError();
  return access;
}
