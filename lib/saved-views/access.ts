// Who may keep and share saved views. A view is a query of one list, so it needs that list's
// read permission (a cases view case.read, a citizens view citizen.read: never the other one),
// plus saved_view.save; a view shown to the whole team also needs saved_view.share.
// Client-safe (the views bar reads it to offer sharing): no server imports.
import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import type { SavedViewResource } from "./schemas";

export const LIST_READ_PERMISSION: Record<SavedViewResource, Permission> = {
  citizens: "citizen.read",
  cases: "case.read",
};

/** Every permission saving (or deleting) this view takes. */
export function savedViewPermissions(view: { resource: SavedViewResource; shared: boolean }): Permission[] {
  return [
    "saved_view.save",
    LIST_READ_PERMISSION[view.resource],
    ...(view.shared ? (["saved_view.share"] as const) : []),
  ];
}

/** The permissions of `view` that `has` lacks; none means allowed. `has` is a role's table, or any other grant. */
export function missingSavedViewPermissions(
  has: (permission: Permission) => boolean,
  view: { resource: SavedViewResource; shared: boolean },
): Permission[] {
  return savedViewPermissions(view).filter((permission) => !has(permission));
}

export function canSaveView(
  role: Role | null | undefined,
  view: { resource: SavedViewResource; shared: boolean },
): boolean {
  return missingSavedViewPermissions((permission) => can(role, permission), view).length === 0;
}
