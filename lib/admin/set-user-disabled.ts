// Disabling (or re-enabling) a user account, platform-wide. Disabling ends every session the
// user has in the same transaction, so a stolen or open browser loses access at once rather
// than at its next sign-in; the change, the revocations and the audit events commit together.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { revokeUserSessions } from "@/lib/auth/sessions/revoke";
import { getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import { assertPlatformAdmin } from "./platform-admin";
import { setUserDisabledSchema, type SetUserDisabledInput } from "./schemas";
import type { PlatformContext, UserDisabledResult } from "./types";

export async function setUserDisabled(ctx: PlatformContext, input: SetUserDisabledInput): Promise<UserDisabledResult> {
  const { userId, disabled, reason } = parseInput(setUserDisabledSchema, input);
  // An admin locking themselves out would leave nobody to undo it (and end their own session
  // mid-request); another admin, or the CLI, can do it if it is really wanted.
  if (disabled && userId === ctx.adminId) throw new ForbiddenError("You cannot disable your own account");

  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertPlatformAdmin(tx, ctx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new NotFoundError("User not found");

    // Conditional on the current state, so two admins clicking at once change it (and audit
    // it) once; the second gets `changed: false`.
    const { count } = await tx.user.updateMany({
      where: { id: userId, disabledAt: disabled ? null : { not: null } },
      data: { disabledAt: disabled ? new Date() : null },
    });
    if (count === 0) return { userId, disabled, changed: false, revokedSessions: 0 };

    const revokedSessions = disabled ? await revokeUserSessions(tx, userId, "user_disabled") : 0;
    await recordAudit(tx, {
      action: disabled ? "admin.user_disabled" : "admin.user_enabled",
      tenantId: null,
      targetType: "user",
      targetId: userId,
      data: { reason: reason ?? null, ...(disabled ? { revokedSessions } : {}) },
    });
    return { userId, disabled, changed: true, revokedSessions };
  });
}
