// The Auth.js route (/api/auth/*) runs in the request's context: a credentials sign-in posted
// to it is audited with that request's id, IP and browser, and with the person who signed in
// as the actor (lib/auth/auth-route.ts, the jwt callback in lib/auth/auth.ts).
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
process.env.APP_URL = "http://civitas.test";
process.env.AUTH_SECRET ??= "auth-route-audit-test-secret-0123456789";

import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { authRouteHandler } from "@/lib/auth/auth-route";
import { hashPassword } from "@/lib/auth/password";
import { getDatabase, getDb } from "@/lib/db";
import { markPeerAddressHookInstalled, PEER_ADDRESS_HEADER } from "@/lib/rate-limit/client-ip";

const BASE = "http://civitas.test/api/auth";

beforeAll(async () => {
  await getDb();
  // As in the app, where the HTTP hook (instrumentation) names the socket's peer.
  markPeerAddressHookInstalled();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

type Row = {
  action: string;
  actor_id: string | null;
  actor_type: string;
  request_id: string;
  ip: string;
  user_agent: string;
};

async function signInEvents(userId: string): Promise<Row[]> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<Row[]>`
      SELECT action, actor_id::text AS actor_id, actor_type, request_id, ip, user_agent FROM audit_events
       WHERE tenant_id IS NULL AND action = 'auth.signed_in' AND actor_id = ${userId}::uuid ORDER BY seq`;
  });
}

test("a credentials sign-in through the Auth.js route is audited with that request's id, IP and browser", async () => {
  const db = await getDb();
  const email = `route-${randomUUID().slice(0, 8)}@auth.test`;
  const password = "route sign-in password 1";
  const user = await db.user.create({ data: { email, name: "Route", passwordHash: await hashPassword(password) } });
  const ip = `2001:db8:a0d2::${randomUUID().slice(0, 4)}`;

  const csrf = await authRouteHandler(new NextRequest(`${BASE}/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await authRouteHandler(
    new NextRequest(`${BASE}/callback/credentials`, {
      method: "POST",
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "auth-route-probe/1.0",
        "x-request-id": "req-authjs-route-0001",
        [PEER_ADDRESS_HEADER]: ip,
      },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString(),
    }),
  );
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).not.toMatch(/error/);

  expect(await signInEvents(user.id)).toEqual([
    {
      action: "auth.signed_in",
      actor_id: user.id,
      actor_type: "user",
      request_id: "req-authjs-route-0001",
      ip,
      user_agent: "auth-route-probe/1.0",
    },
  ]);
  // The session row got the same device and address.
  const [session] = await db.authSession.findMany({ where: { userId: user.id } });
  expect(session).toMatchObject({ ip, userAgent: "auth-route-probe/1.0" });
});
