// Shapes the dashboard shell receives about the signed-in user and the current tenant.
import type { Role } from "@/lib/generated/prisma/enums";

export type TenantSummary = { id: string; slug: string; name: string };

/** One tenant a user can open, with the role they hold there. */
export type TenantMembership = {
  tenant: TenantSummary;
  role: Role;
  /** Held through a parent tenant's membership with `inherit` set, not a direct membership. */
  inheritedFrom?: TenantSummary;
};

export type TenantAccess = {
  user: { id: string; name: string; email: string; sessionId?: string; platformAdmin?: boolean };
  tenant: TenantSummary;
  role: Role;
  inheritedFrom?: TenantSummary;
  /** Every tenant the user can open, for the tenant switcher. */
  memberships: TenantMembership[];
};
