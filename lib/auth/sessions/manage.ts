// A user's own sessions: what the "Sessions" settings page lists and revokes.
import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { SessionUser } from "../session";
import { describeDevice } from "./device";
import { revokeSession, revokeUserSessions } from "./revoke";
import { listActiveSessions } from "./store";

export type SessionListItem = {
  id: string;
  device: string;
  ip: string | null;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

export async function listMySessions(user: SessionUser): Promise<SessionListItem[]> {
  const sessions = await listActiveSessions(user.id);
  return sessions
    .map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      ip: s.ip,
      method: s.method,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.id === user.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export async function revokeMySession(
  user: SessionUser,
  input: { sessionId: string },
): Promise<{ signedOut: boolean }> {
  const db = await getDb();
  const revoked = await db.$transaction((tx) => revokeSession(tx, user.id, input.sessionId, "user_revoked"));
  if (!revoked) throw new NotFoundError("Session not found or already ended");
  return { signedOut: input.sessionId === user.sessionId };
}

/** "Sign out everywhere else": every session but the one making the request. */
export async function revokeMyOtherSessions(user: SessionUser): Promise<{ count: number }> {
  const db = await getDb();
  const count = await db.$transaction((tx) => revokeUserSessions(tx, user.id, "revoked_all", user.sessionId ?? null));
  return { count };
}
