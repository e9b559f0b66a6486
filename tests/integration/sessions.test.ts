// Revocable sessions (lib/auth/sessions): rotation, reuse detection, concurrency, revocation,
// expiry — through the store itself and through the cookie refresh middleware.ts runs.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest, NextResponse } from "next/server";
import { getDatabase, getDb } from "@/lib/db";
import { authSecret } from "@/lib/auth/secret";
import { refreshSessionCookie } from "@/lib/auth/sessions/cookie";
import { listMySessions, revokeMyOtherSessions, revokeMySession } from "@/lib/auth/sessions/manage";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, REUSE_GRACE_MS, ROTATE_AFTER_MS } from "@/lib/auth/sessions/policy";
import { revokeUserSessions } from "@/lib/auth/sessions/revoke";
import { checkSession, refreshSession, startSession } from "@/lib/auth/sessions/store";
import { NotFoundError } from "@/lib/errors";

async function newUser(): Promise<string> {
  const db = await getDb();
  const user = await db.user.create({ data: { email: `s-${randomUUID()}@sessions.test`, name: "Session Probe" } });
  return user.id;
}

async function auditActions(targetId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<
      Array<{ action: string }>
    >`SELECT action FROM audit_events WHERE tenant_id IS NULL AND target_id = ${targetId} ORDER BY seq`;
  });
  return rows.map((r) => r.action);
}

const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await (await getDatabase()).close();
});

describe("rotation and reuse", () => {
  test("a refresh rotates the generation; the new one is valid", async () => {
    const { sessionId } = await startSession(await newUser());
    const refreshed = await refreshSession(sessionId, 0);
    expect(refreshed).toMatchObject({ ok: true, generation: 1 });
    expect(await checkSession(sessionId, 1)).toMatchObject({ ok: true, generation: 1 });
  });

  test("a rotation records the rotating request's address and browser; facts it lacks keep the stored ones", async () => {
    const { sessionId } = await startSession(await newUser(), { ip: "203.0.113.5", userAgent: "Old/1.0" });
    const db = await getDb();
    await refreshSession(sessionId, 0, new Date(), { ip: "198.51.100.7", userAgent: "Mozilla/5.0 Firefox/140.0" });
    expect(await db.authSession.findUnique({ where: { id: sessionId } })).toMatchObject({
      ip: "198.51.100.7",
      userAgent: "Mozilla/5.0 Firefox/140.0",
    });
    await refreshSession(sessionId, 1, new Date(), {});
    expect(await db.authSession.findUnique({ where: { id: sessionId } })).toMatchObject({
      generation: 2,
      ip: "198.51.100.7",
      userAgent: "Mozilla/5.0 Firefox/140.0",
    });
  });

  test("presenting an older generation after rotation revokes the whole family, and it is audited", async () => {
    const { sessionId } = await startSession(await newUser());
    await refreshSession(sessionId, 0); // → 1
    const t = later(REUSE_GRACE_MS + 1_000);
    await refreshSession(sessionId, 1, t); // → 2 (the legitimate browser moves on)
    // The stolen copy of generation 0 comes back:
    expect(await checkSession(sessionId, 0, t)).toEqual({ ok: false, reason: "reuse" });
    // …and the legitimate, current cookie is dead too: the family is revoked.
    expect(await checkSession(sessionId, 2, t)).toEqual({ ok: false, reason: "revoked" });
    expect(await refreshSession(sessionId, 2, t)).toEqual({ ok: false, reason: "revoked" });
    expect(await auditActions(sessionId)).toEqual(["session.token_reuse"]);
    const db = await getDb();
    expect(await db.authSession.findUnique({ where: { id: sessionId } })).toMatchObject({
      revokedReason: "token_reuse",
    });
  });

  test("the previous generation after the grace period is reuse too", async () => {
    const { sessionId } = await startSession(await newUser());
    const t0 = new Date();
    await refreshSession(sessionId, 0, t0);
    expect(await checkSession(sessionId, 0, later(REUSE_GRACE_MS - 1_000, t0))).toMatchObject({
      ok: true,
      generation: 1,
    });
    expect(await checkSession(sessionId, 0, later(REUSE_GRACE_MS + 1_000, t0))).toEqual({ ok: false, reason: "reuse" });
  });

  test("a generation from the future (forged) is refused as reuse", async () => {
    const { sessionId } = await startSession(await newUser());
    expect(await checkSession(sessionId, 5)).toEqual({ ok: false, reason: "reuse" });
  });

  test("20 parallel refreshes from one session leave it valid, rotated exactly once", async () => {
    const { sessionId } = await startSession(await newUser());
    const results = await Promise.all(Array.from({ length: 20 }, () => refreshSession(sessionId, 0)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.generation : -1)))).toEqual(new Set([1]));
    expect(await checkSession(sessionId, 1)).toMatchObject({ ok: true });
    const db = await getDb();
    expect((await db.authSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).toBeNull();
    expect(await auditActions(sessionId)).not.toContain("session.token_reuse");
  });

  test("malformed session ids and generations are refused without a query error", async () => {
    expect(await checkSession("not-a-uuid", 0)).toEqual({ ok: false, reason: "unknown" });
    expect(await checkSession(randomUUID(), 0)).toEqual({ ok: false, reason: "unknown" });
    expect(await checkSession(randomUUID(), 1.5)).toEqual({ ok: false, reason: "unknown" });
    expect(await refreshSession(undefined, 0)).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("revocation and expiry", () => {
  test("a revoked session is refused on its next request", async () => {
    const userId = await newUser();
    const { sessionId } = await startSession(userId);
    expect(await checkSession(sessionId, 0)).toMatchObject({ ok: true });
    const db = await getDb();
    await db.$transaction((tx) => revokeUserSessions(tx, userId, "password_changed"));
    expect(await checkSession(sessionId, 0)).toEqual({ ok: false, reason: "revoked" });
    expect(await refreshSession(sessionId, 0)).toEqual({ ok: false, reason: "revoked" });
  });

  test("an idle session expires; so does one past its absolute lifetime", async () => {
    const { sessionId } = await startSession(await newUser());
    expect(await checkSession(sessionId, 0, later(IDLE_TIMEOUT_MS + 60_000))).toEqual({ ok: false, reason: "expired" });
    expect(await refreshSession(sessionId, 0, later(IDLE_TIMEOUT_MS + 60_000))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await checkSession(sessionId, 0, later(ABSOLUTE_LIFETIME_MS + 1))).toEqual({ ok: false, reason: "expired" });
  });

  test("disabling the user ends their sessions", async () => {
    const userId = await newUser();
    const { sessionId } = await startSession(userId);
    const db = await getDb();
    await db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await checkSession(sessionId, 0)).toEqual({ ok: false, reason: "disabled" });
  });

  test("users list their own live sessions, revoke one, and sign out everywhere else", async () => {
    const userId = await newUser();
    const a = await startSession(userId, {
      userAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
      ip: "203.0.113.7",
    });
    const b = await startSession(userId, {
      userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    });
    const c = await startSession(userId);
    const me = { id: userId, email: "x", name: "x", sessionId: a.sessionId };
    const listed = await listMySessions(me);
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatchObject({ id: a.sessionId, current: true, device: "Safari on macOS", ip: "203.0.113.7" });
    expect(listed.find((s) => s.id === b.sessionId)?.device).toBe("Firefox on Linux");

    await revokeMySession(me, { sessionId: b.sessionId });
    expect(await checkSession(b.sessionId, 0)).toEqual({ ok: false, reason: "revoked" });
    await expect(revokeMySession(me, { sessionId: b.sessionId })).rejects.toThrow(NotFoundError);

    // Another user's session id is not found (never revoked, never revealed).
    const other = await startSession(await newUser());
    await expect(revokeMySession(me, { sessionId: other.sessionId })).rejects.toThrow(NotFoundError);
    expect(await checkSession(other.sessionId, 0)).toMatchObject({ ok: true });

    expect(await revokeMyOtherSessions(me)).toEqual({ count: 1 });
    expect(await checkSession(c.sessionId, 0)).toEqual({ ok: false, reason: "revoked" });
    expect(await checkSession(a.sessionId, 0)).toMatchObject({ ok: true });
    expect((await listMySessions(me)).map((s) => s.id)).toEqual([a.sessionId]);
  });
});

describe("the cookie refresh middleware.ts runs", () => {
  const COOKIE = "authjs.session-token";

  async function requestWith(claims: Record<string, unknown>): Promise<NextRequest> {
    const value = await encode({ token: claims, secret: authSecret(), salt: COOKIE, maxAge: 3600 });
    return new NextRequest("http://localhost/demo", { headers: { cookie: `${COOKIE}=${value}` } });
  }

  test("a fresh cookie passes untouched; a due one is rotated and rewritten on request and response", async () => {
    const userId = await newUser();
    const { sessionId } = await startSession(userId);
    const fresh = await refreshSessionCookie(
      await requestWith({ sub: userId, sid: sessionId, gen: 0, iat_ms: Date.now() }),
    );
    expect(fresh.state).toMatchObject({ kind: "valid", rotated: false });

    const request = await requestWith({
      sub: userId,
      sid: sessionId,
      gen: 0,
      iat_ms: Date.now() - ROTATE_AFTER_MS - 1,
    });
    const before = request.cookies.get(COOKIE)?.value;
    const due = await refreshSessionCookie(request);
    expect(due.state).toMatchObject({ kind: "valid", rotated: true, claims: { gen: 1 } });
    expect(request.cookies.get(COOKIE)?.value).not.toBe(before);
    const response = NextResponse.next();
    due.apply(response);
    expect(response.cookies.get(COOKIE)?.value).toBe(request.cookies.get(COOKIE)?.value);
    expect(response.cookies.get(COOKIE)?.httpOnly).toBe(true);
  });

  test("a session started without a browser shows the one that rotates it on the Security page", async () => {
    const userId = await newUser();
    const { sessionId } = await startSession(userId);
    const value = await encode({
      token: { sub: userId, sid: sessionId, gen: 0, iat_ms: Date.now() - ROTATE_AFTER_MS - 1 },
      secret: authSecret(),
      salt: COOKIE,
      maxAge: 3600,
    });
    const ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
    const request = new NextRequest("http://localhost/demo", {
      headers: { cookie: `${COOKIE}=${value}`, "user-agent": ua },
    });
    expect((await refreshSessionCookie(request)).state).toMatchObject({ kind: "valid", rotated: true });
    const me = { id: userId, email: "x", name: "x", sessionId };
    expect((await listMySessions(me))[0]).toMatchObject({ id: sessionId, device: "Chrome on Linux" });
  });

  test("a revoked session's cookie is cleared", async () => {
    const userId = await newUser();
    const { sessionId } = await startSession(userId);
    const db = await getDb();
    await db.$transaction((tx) => revokeUserSessions(tx, userId, "revoked_all"));
    const request = await requestWith({
      sub: userId,
      sid: sessionId,
      gen: 0,
      iat_ms: Date.now() - ROTATE_AFTER_MS - 1,
    });
    const result = await refreshSessionCookie(request);
    expect(result.state).toEqual({ kind: "invalid" });
    expect(request.cookies.get(COOKIE)).toBeUndefined();
    const response = NextResponse.next();
    result.apply(response);
    expect(response.cookies.get(COOKIE)?.value).toBe("");
  });

  test("a tampered or foreign cookie is invalid; no cookie is no session", async () => {
    const tampered = new NextRequest("http://localhost/demo", { headers: { cookie: `${COOKIE}=not-a-jwt` } });
    expect((await refreshSessionCookie(tampered)).state).toEqual({ kind: "invalid" });
    expect((await refreshSessionCookie(new NextRequest("http://localhost/demo"))).state).toEqual({ kind: "none" });
    const missingClaims = await requestWith({ sub: "someone" });
    expect((await refreshSessionCookie(missingClaims)).state).toEqual({ kind: "invalid" });
  });
});
