// Ending sessions: one (sign-out, "revoke" in the sessions list), or all of a user's except
// perhaps the current one (password change, role change, "sign out everywhere", disabling).
// Callers pass their transaction so the revocation commits with the change that caused it.
import { recordAudit, type AuditWriter } from "@/lib/audit/record";
import type { RevokeReason } from "./store";

type Tx = AuditWriter;

/** Revokes one of `userId`'s sessions. False when it was not theirs or already ended. */
export async function revokeSession(tx: Tx, userId: string, sessionId: string, reason: RevokeReason): Promise<boolean> {
  const n = await tx.$executeRaw`
    UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ${reason}
     WHERE id = ${sessionId}::uuid AND user_id = ${userId}::uuid AND revoked_at IS NULL`;
  if (n > 0) {
    await recordAudit(tx, {
      action: "session.revoked",
      targetType: "session",
      targetId: sessionId,
      data: { reason, userId },
    });
  }
  return n > 0;
}

/** Revokes every live session of the user, except `keep` (the caller's own). Returns how many. */
export async function revokeUserSessions(
  tx: Tx,
  userId: string,
  reason: RevokeReason,
  keep?: string | null,
): Promise<number> {
  const n = keep
    ? await tx.$executeRaw`
        UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ${reason}
         WHERE user_id = ${userId}::uuid AND revoked_at IS NULL AND id <> ${keep}::uuid`
    : await tx.$executeRaw`
        UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ${reason}
         WHERE user_id = ${userId}::uuid AND revoked_at IS NULL`;
  if (n > 0) {
    await recordAudit(tx, {
      action: "session.revoked_all",
      targetType: "user",
      targetId: userId,
      data: { reason, count: n, keptCurrent: !!keep },
    });
  }
  return n;
}
