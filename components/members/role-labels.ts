import type { Role } from "@/lib/generated/prisma/enums";

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
  COMPLIANCE: "Compliance",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including billing and transferring the organisation",
  ADMIN: "Manage members, imports, custom fields and the audit log",
  MEMBER: "Work with citizens and cases, use AI features",
  VIEWER: "Read only",
  COMPLIANCE: "Read records and the audit log, handle GDPR requests",
};
