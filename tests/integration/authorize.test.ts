// The guards' decision (lib/auth/authorize.ts) against real memberships: signed out → 401,
// not a member or no such tenant → 404 (never 403), member without the permission → 403.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { getDatabase, getDb } from "@/lib/db";
import { seedDemo } from "@/lib/db/seed/demo";
import { authorizeTenant } from "@/lib/auth/authorize";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";

async function user(email: string) {
  const u = await (await getDb()).user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email: u.email, name: u.name };
}

beforeAll(async () => {
  await seedDemo(await getDb(), { citizens: 3 });
});
afterAll(async () => (await getDatabase()).close());

test("a member with the permission gets the tenant and their role", async () => {
  const access = await authorizeTenant(await user("member@civitas.test"), "demo", "case.update");
  expect(access).toMatchObject({ role: "MEMBER", tenant: { slug: "demo", name: "Demo Municipality" } });
});

test("signed out → 401", async () => {
  await expect(authorizeTenant(null, "demo", "tenant.read")).rejects.toBeInstanceOf(UnauthorizedError);
});

test.each(["riverside", "no-such-tenant", "", null])("not a member of %p → 404", async (slug) => {
  await expect(authorizeTenant(await user("viewer@civitas.test"), slug, "tenant.read")).rejects.toBeInstanceOf(
    NotFoundError,
  );
});

test("a VIEWER asking to edit → 403", async () => {
  await expect(authorizeTenant(await user("viewer@civitas.test"), "demo", "case.update")).rejects.toBeInstanceOf(
    ForbiddenError,
  );
});

test("the same user has different roles in different tenants", async () => {
  const demo = await user("demo@civitas.test");
  expect((await authorizeTenant(demo, "demo", "tenant.transfer")).role).toBe("OWNER");
  await expect(authorizeTenant(demo, "riverside", "tenant.transfer")).rejects.toBeInstanceOf(ForbiddenError);
  expect((await authorizeTenant(demo, "riverside", "case.update")).role).toBe("MEMBER");
});
