// Role names and the help text beside the role picker. The help is derived from the permission
// table (lib/auth/permissions.ts), so it can never promise what a role cannot do: a
// permission is named only when it has a phrase here, and a phrase is given only to
// permissions that something in the app checks (tests/unit/role-help.test.ts). Permissions of
// features that are not built yet (GDPR requests, deleting an organisation) have none, so the
// help does not mention them.
import { PERMISSIONS, ROLE_RANK, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
  COMPLIANCE: "Compliance",
};

/** What a permission lets a person do, as the end of "can …"; absent = not named in help. */
export const PERMISSION_PHRASES: Partial<Record<Permission, string>> = {
  "citizen.read": "see citizens",
  "case.read": "see cases",
  "member.read": "see the members",
  "saved_view.save": "save list views",
  "citizen.create": "add citizens",
  "citizen.update": "edit citizens",
  "citizen.reveal": "reveal personal data",
  "citizen.export": "export citizens",
  "case.create": "open cases",
  "case.update": "update cases",
  "case.note": "add case notes",
  "ai.use": "use the AI features, which spend credits",
  "saved_view.share": "share list views",
  "citizen.delete": "move citizens to the trash",
  "citizen.purge": "empty the trash",
  "citizen.import": "import citizens",
  "citizen.merge": "merge duplicate citizens",
  "custom_field.manage": "manage custom fields",
  "member.invite": "invite members",
  "member.update": "change roles",
  "member.remove": "remove members",
  "invitation.revoke": "revoke invitations",
  "audit.read": "read the audit log",
  "audit.export": "export the audit log",
  "tenant.update": "edit the organisation's settings",
  "billing.read": "see billing and credits",
  "billing.manage": "change the plan and buy credits",
  "ai_settings.manage": "change the AI settings",
  "tenant.transfer": "transfer ownership",
};

const RANKED = (Object.keys(ROLE_RANK) as Array<keyof typeof ROLE_RANK>).sort((a, b) => ROLE_RANK[a] - ROLE_RANK[b]);

const phrasesOf = (permissions: Iterable<Permission>) =>
  [...permissions].map((p) => PERMISSION_PHRASES[p]).filter((p): p is string => !!p);

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * One sentence per role: what it may do, read from the permission table. A ranked role names
 * what it adds to the role below it ("Everything a member can, and …").
 */
export function roleHelp(role: Role): string {
  const own = PERMISSIONS[role];
  const at = RANKED.indexOf(role as (typeof RANKED)[number]);
  const below = at > 0 ? RANKED[at - 1]! : null;
  if (!below) return `Can ${list(phrasesOf(own))}.`;
  const added = phrasesOf([...own].filter((p) => !PERMISSIONS[below].has(p)));
  const base = `Everything ${/^[AEIOU]/.test(ROLE_LABELS[below]) ? "an" : "a"} ${ROLE_LABELS[below].toLowerCase()} can`;
  return added.length > 0 ? `${base}, and ${list(added)}.` : `${base}.`;
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: roleHelp("OWNER"),
  ADMIN: roleHelp("ADMIN"),
  MEMBER: roleHelp("MEMBER"),
  VIEWER: roleHelp("VIEWER"),
  COMPLIANCE: roleHelp("COMPLIANCE"),
};
