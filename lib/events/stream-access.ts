// The periodic re-check behind a long-lived event stream. The cookie was checked once, when the
// stream opened (withTenant); after that nothing re-reads it, so this asks the database directly
// whether the session is still live and the user still a member allowed to read cases.
import "server-only";
import { authorizeTenant } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function streamStillAllowed(user: SessionUser, tenantSlug: string): Promise<boolean> {
  if (user.sessionId) {
    const db = await getDb();
    const rows = await db.$queryRaw<{ live: boolean }[]>`
      SELECT (s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL) AS live
        FROM auth_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ${user.sessionId}::uuid AND s.user_id = ${user.id}::uuid`;
    if (!rows[0]?.live) return false;
  }
  try {
    await authorizeTenant(user, tenantSlug, "case.read");
    return true;
  } catch (err) {
    // Not a member any more (404) or no longer allowed (403): end. Anything else (database
    // unavailable) is not an answer: rethrow, and the stream waits for the next check.
    if (err instanceof AppError && [401, 403, 404].includes(err.status)) return false;
    throw err;
  }
}
