// Role-based access control: one table of who may do what. The server checks it in one
// place (the guards in lib/auth/guard.ts); the UI reads the same table to hide what a user
// cannot do. Client-safe: no server imports.
import type { Role } from "@/lib/generated/prisma/enums";

/** Ordered staff roles, weakest first. COMPLIANCE stands beside them (audit and GDPR work). */
export const ROLE_RANK: Record<Exclude<Role, "COMPLIANCE">, number> = { VIEWER: 1, MEMBER: 2, ADMIN: 3, OWNER: 4 };

// saved_view.save: keep your own views of a list you may read; saved_view.share: show one to the
// whole team (lib/saved-views/access.ts adds the list's own read permission to both).
const VIEWER = [
  "tenant.read",
  "citizen.read",
  "case.read",
  "dashboard.read",
  "member.read",
  "saved_view.save",
] as const;
const MEMBER = [
  ...VIEWER,
  "citizen.create",
  "citizen.update",
  "citizen.reveal",
  "case.create",
  "case.update",
  "case.note",
  "ai.use",
  "citizen.export",
  "saved_view.share",
] as const;
const ADMIN = [
  ...MEMBER,
  "citizen.delete",
  "citizen.purge",
  "citizen.import",
  // review duplicate pairs: merge (and undo a merge), dismiss, refresh (lib/citizens/duplicates)
  "citizen.merge",
  "custom_field.manage",
  "member.invite",
  "member.update",
  "member.remove",
  "invitation.revoke",
  "audit.read",
  "audit.export",
  "tenant.update",
  "billing.read",
  "billing.manage",
  // per-tenant AI settings (lib/ai/config)
  "ai_settings.manage",
] as const;
const OWNER = [...ADMIN, "tenant.delete", "tenant.transfer"] as const;
const COMPLIANCE = [
  "tenant.read",
  "citizen.read",
  "citizen.reveal",
  "case.read",
  "dashboard.read",
  "member.read",
  "audit.read",
  "audit.export",
  "gdpr.request",
  "citizen.export",
  "saved_view.save",
] as const;

export type Permission = (typeof OWNER)[number] | (typeof COMPLIANCE)[number];

export const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  VIEWER: new Set(VIEWER),
  MEMBER: new Set(MEMBER),
  ADMIN: new Set(ADMIN),
  OWNER: new Set(OWNER),
  COMPLIANCE: new Set(COMPLIANCE),
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && PERMISSIONS[role].has(permission);
}

/**
 * Whether `actor` may give or take away `target`: nobody acts above their own role, and only an
 * OWNER touches OWNERs. COMPLIANCE is granted and removed by ADMIN or OWNER.
 */
export function canManageRole(actor: Role, target: Role): boolean {
  if (actor === "COMPLIANCE" || actor === "VIEWER" || actor === "MEMBER") return false;
  if (target === "COMPLIANCE") return true;
  return ROLE_RANK[target] <= ROLE_RANK[actor] && (target !== "OWNER" || actor === "OWNER");
}
