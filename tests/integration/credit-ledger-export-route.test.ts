// The ledger's CSV route (/api/tenants/<slug>/credits/export): owners and admins download their
// own organisation's filtered ledger; a member is refused, another organisation is a 404, bad
// filters are a 400 with field errors, before anything is recorded or streamed.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { GET as exportRoute } from "@/app/api/tenants/[tenant]/credits/export/route";
import { currentUser } from "@/lib/auth/session";
import { grantCredits } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { inRequestContext } from "../support/request-context";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-ledger-export-1" }) }));

type User = { id: string; email: string; name: string };
const signIn = (user: User) => jest.mocked(currentUser).mockResolvedValue(user as never);

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function org(members: Array<[User, Role]>, reason: string) {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `lx-${randomUUID().slice(0, 10)}`, name: "Ledger export" } });
  for (const [user, role] of members)
    await db.forTenant({ tenantId: t.id }).membership.create({ data: { tenantId: t.id, userId: user.id, role } });
  await inRequestContext({}, () => grantCredits({ tenantId: t.id, credits: 42, kind: "grant", reason }));
  return t;
}

async function user(name: string): Promise<User> {
  const db = await getDb();
  return db.user.create({
    data: { email: `lx-${randomUUID().slice(0, 8)}@example.org`, name },
    select: { id: true, email: true, name: true },
  });
}

const get = (slug: string, query = "") =>
  exportRoute(new NextRequest(`http://localhost/api/tenants/${slug}/credits/export${query}`), {
    params: Promise.resolve({ tenant: slug }),
  });

test("an owner downloads the organisation's ledger as CSV; filters apply", async () => {
  const owner = await user("Owner");
  const a = await org([[owner, "OWNER"]], "A's grant");
  signIn(owner);
  const res = await get(a.slug, "?kind=grant");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename=credits-${a.slug}-`));
  const text = await res.text();
  expect(text).toContain("A's grant");
  expect(text).toContain(",grant,,42,");
  const none = await (await get(a.slug, "?kind=settle")).text();
  expect(
    none
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  ).toHaveLength(1);
});

test("a member is refused, another organisation is not found, bad filters are a 400 with field errors", async () => {
  const owner = await user("Owner");
  const member = await user("Member");
  const stranger = await user("Stranger");
  const a = await org(
    [
      [owner, "OWNER"],
      [member, "MEMBER"],
    ],
    "A only",
  );
  const b = await org([[stranger, "OWNER"]], "B only");
  signIn(member);
  expect((await get(a.slug)).status).toBe(403);
  signIn(owner);
  const other = await get(b.slug);
  expect(other.status).toBe(404);
  expect(await other.text()).not.toContain("B only");
  const bad = await get(a.slug, "?kind=free_money&to=2026-13-01");
  expect(bad.status).toBe(400);
  const body = (await bad.json()) as { error: { code: string; details: { fieldErrors: Record<string, string[]> } } };
  expect(body.error.code).toBe("VALIDATION_FAILED");
  expect(Object.keys(body.error.details.fieldErrors).sort()).toEqual(["kind", "to"]);
  const db = await getDb();
  expect(
    await db.forTenant({ tenantId: a.id }).auditEvent.count({ where: { action: "credits.ledger_exported" } }),
  ).toBe(0);
});
