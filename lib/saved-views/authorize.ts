// The server's check of ./access.ts, in the business functions themselves: whichever action or
// route calls them, a view never needs (or gets by) another list's permission.
import "server-only";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { ForbiddenError } from "@/lib/errors";
import { missingSavedViewPermissions } from "./access";
import type { SavedViewResource } from "./schemas";

export function authorizeSavedView(ctx: TenantContext, view: { resource: SavedViewResource; shared: boolean }): void {
  const missing = missingSavedViewPermissions((permission) => can(ctx.role, permission), view);
  if (missing.length > 0)
    throw new ForbiddenError(
      view.shared && missing.includes("saved_view.share")
        ? "Your role cannot share views with the team"
        : "Your role cannot save views of this list",
    );
}
