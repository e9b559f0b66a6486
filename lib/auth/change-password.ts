// A signed-in user changes their password. The current password is asked again (a borrowed,
// unlocked laptop must not be enough), the change signs out every other session (a thief's
// included) while keeping the one making the change, and it is audited.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { getRateLimiter, type RateLimitStore } from "@/lib/rate-limit";
import { CHANGE_PASSWORD_LIMIT, changePasswordKey } from "@/lib/rate-limit/account-policy";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";
import { changePasswordSchema } from "./schemas";
import { revokeUserSessions } from "./sessions/revoke";
import { isUuid } from "@/lib/validation/uuid";

export type ChangePasswordResult =
  | { ok: true; sessionsRevoked: number }
  /** Field errors, including a wrong current password (on `currentPassword`). */
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export type ChangePasswordOptions = { limiter?: RateLimitStore; now?: () => number };

export const WRONG_CURRENT_PASSWORD = "That is not your current password";

/**
 * `currentSessionId` is the AuthSession of the request (kept signed in); null or not a session
 * id signs out every session, the current one too.
 * Input: `{ currentPassword, newPassword, confirmPassword }` (changePasswordSchema).
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | null | undefined,
  input: unknown,
  options: ChangePasswordOptions = {},
): Promise<ChangePasswordResult> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsFromZod(parsed.error) };
  const { currentPassword, newPassword } = parsed.data;

  // Every attempt counts: a stolen session must not become a way to guess the password.
  const limiter = options.limiter ?? (await getRateLimiter());
  const counted = await limiter.consume(changePasswordKey(userId), {
    ...CHANGE_PASSWORD_LIMIT,
    now: options.now?.() ?? Date.now(),
  });
  if (!counted.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: counted.retryAfterSeconds };

  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, disabledAt: true } });
  const ok = user?.passwordHash
    ? await verifyPassword(currentPassword, user.passwordHash)
    : await verifyAgainstDummy(currentPassword);
  if (!user?.passwordHash || !ok || user.disabledAt) {
    logger.info({ event: "auth.password_change_refused" }, "password change refused: wrong current password");
    return { ok: false, reason: "invalid", fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] } };
  }

  const newHash = await hashPassword(newPassword);
  const keep = currentSessionId && isUuid(currentSessionId) ? currentSessionId : null;
  const revoked = await db.$transaction(async (tx) => {
    // Only if the hash is still the one just verified: of two concurrent changes, one wins and
    // the other is told its "current" password is no longer current.
    const changed = await tx.$executeRaw`
      UPDATE users SET password_hash = ${newHash}, updated_at = now() WHERE id = ${userId}::uuid AND password_hash = ${user.passwordHash}`;
    if (changed === 0) return null;
    const n = await revokeUserSessions(tx, userId, "password_changed", keep);
    await recordAudit(tx, {
      action: "user.password_changed",
      targetType: "user",
      targetId: userId,
      data: { sessionsRevoked: n, keptCurrent: !!keep },
    });
    return n;
  });
  if (revoked === null)
    return { ok: false, reason: "invalid", fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] } };
  logger.info({ event: "auth.password_changed", sessions_revoked: revoked }, "password changed");
  return { ok: true, sessionsRevoked: revoked };
}
