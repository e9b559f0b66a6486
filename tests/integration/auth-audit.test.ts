// Sign-in attempts reach the platform audit chain: failures (with the reason the response never
// gives, and a masked email) and rate-limited attempts.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { getDatabase, getDb } from "@/lib/db";
import { runWithLogContext } from "@/lib/context/request-context";

type Row = {
  action: string;
  target_id: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  request_id: string | null;
};

async function platformEvents(since: Date): Promise<Row[]> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<
      Row[]
    >`SELECT action, target_id, data, ip, request_id FROM audit_events WHERE tenant_id IS NULL AND created_at >= ${since} ORDER BY seq`;
  });
}

beforeAll(async () => {
  await getDb();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

test("wrong password, unknown email and disabled account are audited with their reason; the answer is the same", async () => {
  const db = await getDb();
  const email = `audit-${randomUUID().slice(0, 8)}@auth.test`;
  const user = await db.user.create({
    data: { email, name: "Audit", passwordHash: await hashPassword("right password 123") },
  });
  const since = new Date(Date.now() - 1000);
  // An address of this test's own (documentation range): other test files sign in wrongly at
  // the same moment on a shared database, and their events must not count here.
  const ip = `2001:db8:a0d1:${randomUUID().slice(0, 4)}::${randomUUID().slice(0, 4)}`;
  const results = await runWithLogContext({ requestId: "req-signin-audit", ip }, async () => [
    await authenticate({ email, password: "wrong", ip }),
    await authenticate({ email: `nobody-${email}`, password: "whatever", ip }),
  ]);
  await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
  results.push(
    await runWithLogContext({ requestId: "req-signin-audit-2", ip }, () =>
      authenticate({ email, password: "right password 123", ip }),
    ),
  );
  expect(results.every((r) => !r.ok && r.reason === "invalid")).toBe(true);

  const events = (await platformEvents(since)).filter((e) => e.action === "auth.sign_in_failed" && e.ip === ip);
  expect(events.map((e) => e.data.reason)).toEqual(["wrong_password", "unknown_email", "disabled"]);
  expect(events[0]).toMatchObject({ target_id: user.id, ip, request_id: "req-signin-audit" });
  expect(events[0]!.data.email).toBe(`a…@auth.test`);
  expect(JSON.stringify(events)).not.toContain(email);
});
