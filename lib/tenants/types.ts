// Shapes the dashboard shell receives about the signed-in user and the current tenant.
import type { Role } from "@/lib/generated/prisma/enums";

export type TenantSummary = { id: string; slug: string; name: string };

export type TenantAccess = {
  user: { id: string; name: string; email: string };
  tenant: TenantSummary;
  role: Role;
  /** Every tenant the user belongs to, for the tenant switcher. */
  memberships: Array<{ tenant: TenantSummary; role: Role }>;
};
