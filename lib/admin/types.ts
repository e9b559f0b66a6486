// Shapes shared by the platform admin area's business functions, pages and components.
// Client-safe: types only.
import type { CaseStatus, PlatformRole, Role } from "@/lib/generated/prisma/enums";

/** What a platform admin's business function needs: who acts, and for which request. */
export type PlatformContext = { adminId: string; requestId: string };

export type PlatformAdminUser = { id: string; email: string; name: string };

export type Page<T> = { items: T[]; nextCursor: string | null };

export type TenantListItem = {
  id: string;
  slug: string;
  name: string;
  parentName: string | null;
  memberCount: number;
  createdAt: Date;
};

export type UserListItem = {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole;
  disabledAt: Date | null;
  verified: boolean;
  membershipCount: number;
  createdAt: Date;
  /** When the user last started a session (max auth_sessions.created_at); null if never. */
  lastSignInAt: Date | null;
};

/** What the admin sees of a tenant before giving a reason: no tenant-owned data. */
export type TenantMetadata = {
  id: string;
  slug: string;
  name: string;
  parent: { id: string; name: string; slug: string } | null;
  childCount: number;
  memberCount: number;
  createdAt: Date;
};

/** The audited cross-tenant read: what a platform admin sees inside one tenant. */
export type TenantOverview = {
  tenant: {
    id: string;
    slug: string;
    name: string;
    parent: { id: string; name: string; slug: string } | null;
    createdAt: Date;
  };
  members: Array<{ userId: string; name: string; email: string; role: Role }>;
  citizenCount: number;
  casesByStatus: Record<CaseStatus, number>;
  recentCases: Array<{ id: string; title: string; status: CaseStatus; createdAt: Date }>;
  /** When the read was recorded in the tenant's audit log. */
  readAt: Date;
};

export type PlatformStats = { tenants: number; users: number; disabledUsers: number; platformAdmins: number };

export type UserDisabledResult = { userId: string; disabled: boolean; changed: boolean; revokedSessions: number };
