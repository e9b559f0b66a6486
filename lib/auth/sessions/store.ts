// Server-side session families: the record that makes a stateless JWT revocable.
//
//   start    on sign-in: a row with generation 0.
//   check    on every authenticated request: the row exists, is live, and the cookie's
//            generation is current (or the previous one within the grace period).
//   refresh  when the cookie is due: generation + 1 in one conditional UPDATE, so of N
//            concurrent refreshes exactly one rotates and the others are handed its result.
//   reuse    a cookie from an older generation means a copy of the cookie is being used
//            elsewhere: the whole family is revoked and the event is audited.
import { recordAudit } from "@/lib/audit/record";
import { enrichLogContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, REUSE_GRACE_MS } from "./policy";
import { isUuid } from "@/lib/validation/uuid";

export type SessionMeta = { ip?: string | null; userAgent?: string | null; method?: string };

export type SessionState =
  | { ok: true; sessionId: string; userId: string; generation: number; platformAdmin: boolean }
  | { ok: false; reason: "unknown" | "revoked" | "expired" | "disabled" | "reuse" };

export type RevokeReason =
  | "sign_out"
  | "user_revoked"
  | "revoked_all"
  | "password_changed"
  | "role_changed"
  | "user_disabled"
  | "token_reuse"
  | "admin";

type Row = {
  id: string;
  user_id: string;
  generation: number;
  rotated_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  disabled_at: Date | null;
  platform_role: string;
};

export async function startSession(
  userId: string,
  meta: SessionMeta = {},
  now = new Date(),
): Promise<{ sessionId: string; generation: number }> {
  const db = await getDb();
  const session = await db.authSession.create({
    data: {
      userId,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      method: meta.method ?? "password",
      rotatedAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
    },
  });
  return { sessionId: session.id, generation: session.generation };
}

async function load(sessionId: string): Promise<Row | null> {
  const db = await getDb();
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.id, s.user_id, s.generation, s.rotated_at, s.last_seen_at, s.expires_at, s.revoked_at, u.disabled_at, u.platform_role::text AS platform_role
      FROM auth_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = ${sessionId}::uuid`;
  return rows[0] ?? null;
}

/** Judges a row against a presented generation, without changing anything but reuse. */
async function judge(row: Row | null, generation: number, now: Date): Promise<SessionState> {
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revoked_at) return { ok: false, reason: "revoked" };
  if (row.disabled_at) return { ok: false, reason: "disabled" };
  if (row.expires_at <= now || now.getTime() - row.last_seen_at.getTime() > IDLE_TIMEOUT_MS)
    return { ok: false, reason: "expired" };
  const current = generation === row.generation;
  const previousInGrace =
    generation === row.generation - 1 && now.getTime() - row.rotated_at.getTime() <= REUSE_GRACE_MS;
  if (current || previousInGrace) {
    return {
      ok: true,
      sessionId: row.id,
      userId: row.user_id,
      generation: row.generation,
      platformAdmin: row.platform_role === "ADMIN",
    };
  }
  await revokeFamilyForReuse(row, generation);
  return { ok: false, reason: "reuse" };
}

/** Is this cookie (session id + generation) still good? Read-only unless it detects reuse. */
export async function checkSession(sessionId: unknown, generation: unknown, now = new Date()): Promise<SessionState> {
  if (!isUuid(sessionId) || !Number.isInteger(generation)) return { ok: false, reason: "unknown" };
  return judge(await load(sessionId), generation as number, now);
}

/**
 * Rotates the generation (the cookie is due for refresh). Safe under concurrency: the UPDATE
 * only matches the generation it was given, so one caller rotates; the others find the row one
 * generation ahead within the grace period and get the same new generation. `meta` is the
 * rotating request's address and browser.
 */
export async function refreshSession(
  sessionId: unknown,
  generation: unknown,
  now = new Date(),
  meta: Pick<SessionMeta, "ip" | "userAgent"> = {},
): Promise<SessionState> {
  if (!isUuid(sessionId) || !Number.isInteger(generation)) return { ok: false, reason: "unknown" };
  const db = await getDb();
  const idleCutoff = new Date(now.getTime() - IDLE_TIMEOUT_MS);
  // The rotating request's address and browser replace the stored ones (a laptop moves between
  // networks; the Security page shows where the session is now). Unknown facts keep the old.
  const ip = meta.ip || null;
  const userAgent = meta.userAgent?.slice(0, 512) || null;
  const rotated = await db.$queryRaw<Row[]>`
    UPDATE auth_sessions s
       SET generation = s.generation + 1, rotated_at = ${now}, last_seen_at = ${now},
           ip = COALESCE(${ip}::text, s.ip), user_agent = COALESCE(${userAgent}::text, s.user_agent)
      FROM users u
     WHERE s.id = ${sessionId}::uuid AND s.generation = ${generation as number} AND u.id = s.user_id
       AND s.revoked_at IS NULL AND u.disabled_at IS NULL AND s.expires_at > ${now} AND s.last_seen_at >= ${idleCutoff}
    RETURNING s.id, s.user_id, s.generation, s.rotated_at, s.last_seen_at, s.expires_at, s.revoked_at, u.disabled_at, u.platform_role::text AS platform_role`;
  if (rotated[0]) return judge(rotated[0], rotated[0].generation, now);
  return judge(await load(sessionId), generation as number, now);
}

async function revokeFamilyForReuse(row: Row, presented: number): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'token_reuse' WHERE id = ${row.id}::uuid AND revoked_at IS NULL`;
    if (n > 0) {
      // Whoever presented the token acted with this user's session: the event is theirs.
      enrichLogContext({ userId: row.user_id });
      await recordAudit(tx, {
        action: "session.token_reuse",
        targetType: "session",
        targetId: row.id,
        data: { presentedGeneration: presented, currentGeneration: row.generation },
      });
    }
  });
  logger.warn(
    { event: "auth.session_token_reuse", session_id: row.id, user_id: row.user_id },
    "session token reused: family revoked",
  );
}

export type ActiveSession = {
  id: string;
  ip: string | null;
  userAgent: string | null;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
};

export async function listActiveSessions(userId: string, now = new Date()): Promise<ActiveSession[]> {
  const db = await getDb();
  return db.authSession.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gte: new Date(now.getTime() - IDLE_TIMEOUT_MS) },
    },
    select: { id: true, ip: true, userAgent: true, method: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
  });
}
