// The "New case" form's citizen picker (lib/citizens/pick.ts): prefix matches on names as they
// are typed, similar names when nothing matches exactly, only live citizens of the caller's own
// tenant, and only what the picker shows (no contact details, no national id).
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import type { TenantContext } from "@/lib/context/request-context";
import { createCitizen, deleteCitizen } from "@/lib/citizens/mutations";
import { PICK_LIMIT, pickCitizens } from "@/lib/citizens/pick";
import { citizenPickSchema, createCitizenSchema } from "@/lib/citizens/schemas";

let A: TenantContext;
let B: TenantContext;

async function tenant(): Promise<TenantContext> {
  const db = await getDb();
  const user = await db.user.create({ data: { email: `p-${randomUUID()}@pick.test`, name: "Clerk" } });
  const t = await db.tenant.create({ data: { slug: `p-${randomUUID().slice(0, 12)}`, name: "Pick probe" } });
  await db
    .forTenant({ tenantId: t.id })
    .membership.create({ data: { tenantId: t.id, userId: user.id, role: "OWNER" } });
  return { tenantId: t.id, userId: user.id, role: "OWNER", requestId: "test" };
}

const citizen = (ctx: TenantContext, over: Record<string, unknown>) =>
  createCitizen(ctx, createCitizenSchema.parse({ firstName: "Amira", lastName: "Eriksen", ...over }));

beforeAll(async () => {
  await getDb();
  A = await tenant();
  B = await tenant();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

test("part of a name finds the citizen, with id, name and place only", async () => {
  const c = await citizen(A, { city: "Utrecht", email: "amira@example.org", nationalId: "NL-PICK-1" });
  const found = await pickCitizens(A, { q: "eriks" });
  expect(found).toEqual([{ id: c.id, name: "Amira Eriksen", city: "Utrecht" }]);
});

test("a typo falls back to similar names; nothing like it finds nobody", async () => {
  const c = await citizen(A, { firstName: "Tomasz", lastName: "Wiśniewski" });
  expect((await pickCitizens(A, { q: "Wisniewsky" })).map((x) => x.id)).toContain(c.id);
  expect(await pickCitizens(A, { q: "Zzyzxqv" })).toEqual([]);
});

test("another tenant's citizens and citizens in the trash are never offered", async () => {
  const theirs = await citizen(B, { firstName: "Otto", lastName: "Elsewhere" });
  const trashed = await citizen(A, { firstName: "Otto", lastName: "Elsewhere" });
  await deleteCitizen(A, { id: trashed.id });
  expect(await pickCitizens(A, { q: "Elsewhere" })).toEqual([]);
  expect((await pickCitizens(B, { q: "Elsewhere" })).map((x) => x.id)).toEqual([theirs.id]);
});

test(`at most ${PICK_LIMIT} suggestions, in name order`, async () => {
  for (let i = 0; i < PICK_LIMIT + 2; i++) await citizen(A, { firstName: `Many${i}`, lastName: "Namesake" });
  const found = await pickCitizens(A, { q: "Namesake" });
  expect(found).toHaveLength(PICK_LIMIT);
  expect(found.map((x) => x.name)).toEqual([...found.map((x) => x.name)].sort());
});

test("the schema refuses an empty or overlong search with a message", () => {
  expect(citizenPickSchema.safeParse({ q: "" }).success).toBe(false);
  expect(citizenPickSchema.safeParse({ q: "x".repeat(101) }).success).toBe(false);
  expect(citizenPickSchema.safeParse({}).success).toBe(false);
});
