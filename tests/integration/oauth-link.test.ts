// How an OAuth/OIDC identity becomes a Civitas user (lib/auth/oauth.ts): linked identities sign
// in as their user, a verified email links to the existing account, an unverified one never
// takes an account over, and disabled users stay out.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { resolveOAuthUser } from "@/lib/auth/oauth";

const email = () => `oauth-${randomUUID().slice(0, 8)}@oauth.test`;

beforeAll(async () => {
  await getDb();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

test("a new identity creates a user (verified when the provider says so) and signs in as it next time", async () => {
  const address = email();
  const first = await resolveOAuthUser({
    provider: "github",
    providerAccountId: "gh-1-" + address,
    email: address.toUpperCase(),
    emailVerified: true,
    name: "Gina Hub",
  });
  expect(first).toMatchObject({ ok: true, created: true });
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { email: address } });
  expect(user).toMatchObject({ name: "Gina Hub", passwordHash: null });
  expect(user.emailVerifiedAt).not.toBeNull();
  const again = await resolveOAuthUser({
    provider: "github",
    providerAccountId: "gh-1-" + address,
    email: "changed@elsewhere.test",
    emailVerified: true,
  });
  expect(again).toEqual({ ok: true, userId: user.id, created: false });
});

test("a verified email links to the existing password account; an unverified one is refused", async () => {
  const db = await getDb();
  const address = email();
  const existing = await db.user.create({ data: { email: address, name: "Existing", passwordHash: "x" } });
  expect(
    await resolveOAuthUser({
      provider: "oidc",
      providerAccountId: "o-" + address,
      email: address,
      emailVerified: false,
    }),
  ).toEqual({ ok: false, reason: "unverified_email_in_use" });
  expect(await db.oAuthAccount.count({ where: { userId: existing.id } })).toBe(0);
  expect(
    await resolveOAuthUser({
      provider: "google",
      providerAccountId: "g-" + address,
      email: address,
      emailVerified: true,
    }),
  ).toEqual({ ok: true, userId: existing.id, created: false });
  expect(await db.oAuthAccount.count({ where: { userId: existing.id } })).toBe(1);
  expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).emailVerifiedAt).not.toBeNull();
});

test("disabled users and identities without an email are refused", async () => {
  const db = await getDb();
  const address = email();
  const linked = await resolveOAuthUser({
    provider: "github",
    providerAccountId: "gh-d-" + address,
    email: address,
    emailVerified: true,
  });
  if (!linked.ok) throw new Error("expected a user");
  await db.user.update({ where: { id: linked.userId }, data: { disabledAt: new Date() } });
  expect(
    await resolveOAuthUser({
      provider: "github",
      providerAccountId: "gh-d-" + address,
      email: address,
      emailVerified: true,
    }),
  ).toEqual({ ok: false, reason: "disabled" });
  expect(
    await resolveOAuthUser({
      provider: "google",
      providerAccountId: "g-d-" + address,
      email: address,
      emailVerified: true,
    }),
  ).toEqual({ ok: false, reason: "disabled" });
  expect(
    await resolveOAuthUser({
      provider: "github",
      providerAccountId: "gh-none-" + randomUUID(),
      email: null,
      emailVerified: false,
    }),
  ).toEqual({ ok: false, reason: "no_email" });
});
