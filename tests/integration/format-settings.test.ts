// The tenant's locale and time zone (issue #13 item 10): changed through the server action
// behind the guard (OWNER/ADMIN), field-level errors for bad input, one audit event in the same
// transaction, read back for the pages, and never reaching another tenant.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
import { randomUUID } from "node:crypto";
import { updateFormatSettingsAction } from "@/app/(dashboard)/[tenant]/settings/region/actions";
import { currentUser } from "@/lib/auth/session";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { readFormatSettings, updateFormatSettings } from "@/lib/tenants/format-settings";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-format-settings" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn() }));

type User = { id: string; email: string; name: string };
type Tenant = { id: string; slug: string };
const run = randomUUID().slice(0, 8);
let seq = 0;
const unique = (prefix: string) => `${prefix}-${run}-${++seq}`;

async function newUser(name: string): Promise<User> {
  const db = await getDb();
  return db.user.create({
    data: { email: `${unique("fmt")}@example.org`, name, emailVerifiedAt: new Date() },
    select: { id: true, email: true, name: true },
  });
}
async function newTenant(members: Array<[User, Role]>): Promise<Tenant> {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: unique("fmt"), name: "Format probe" } });
  for (const [user, role] of members)
    await db.forTenant({ tenantId: t.id }).membership.create({ data: { tenantId: t.id, userId: user.id, role } });
  return { id: t.id, slug: t.slug };
}
const signIn = (user: User | null) => jest.mocked(currentUser).mockResolvedValue(user as never);
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};
async function auditOf(tenantId: string) {
  const db = await getDb();
  return db
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ action: string; actor_id: string | null; data: Record<string, unknown>; request_id: string | null }>
        >`SELECT action, actor_id::text, data, request_id FROM audit_events WHERE tenant_id = ${tenantId}::uuid AND action = 'tenant.format_updated' ORDER BY seq`,
    );
}
async function stored(tenantId: string) {
  const db = await getDb();
  return db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { locale: true, timeZone: true } });
}

let owner: User, admin: User, member: User, viewer: User, outsider: User;
let A: Tenant, B: Tenant;

beforeAll(async () => {
  await getDb();
  [owner, admin, member, viewer, outsider] = (await Promise.all(
    ["Owner", "Admin", "Member", "Viewer", "Outsider"].map(newUser),
  )) as [User, User, User, User, User];
  A = await newTenant([
    [owner, "OWNER"],
    [admin, "ADMIN"],
    [member, "MEMBER"],
    [viewer, "VIEWER"],
  ]);
  B = await newTenant([[outsider, "OWNER"]]);
});
afterAll(async () => {
  await (await getDatabase()).close();
});

describe("the tenant's locale and time zone", () => {
  test("a new tenant starts at en-US / UTC", async () => {
    expect(await stored(A.id)).toEqual({ locale: "en-US", timeZone: "UTC" });
    expect(await readFormatSettings(A.id)).toEqual({ locale: "en-US", timeZone: "UTC" });
  });

  test("bad input answers field by field and changes nothing", async () => {
    signIn(owner);
    const res = await updateFormatSettingsAction(A.slug, form({ locale: "tlh-KX", timeZone: "Mars/Olympus" }));
    expect(res).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      fieldErrors: {
        locale: ["Choose one of the listed languages and regions"],
        timeZone: ["Not a time zone: use a name such as Europe/Brussels or America/New_York"],
      },
    });
    const missing = await updateFormatSettingsAction(A.slug, form({}));
    expect(missing).toMatchObject({
      ok: false,
      fieldErrors: { locale: ["Choose a language and region"], timeZone: ["Enter a time zone"] },
    });
    expect(await stored(A.id)).toEqual({ locale: "en-US", timeZone: "UTC" });
    expect(await auditOf(A.id)).toEqual([]);
  });

  test("an OWNER saves: stored, spelled canonically, audited with before and after", async () => {
    signIn(owner);
    const res = await updateFormatSettingsAction(A.slug, form({ locale: "de-DE", timeZone: "europe/berlin" }));
    expect(res).toEqual({ ok: true, data: { locale: "de-DE", timeZone: "Europe/Berlin" } });
    expect(await stored(A.id)).toEqual({ locale: "de-DE", timeZone: "Europe/Berlin" });
    const events = await auditOf(A.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: owner.id,
      request_id: "req-format-settings",
      data: {
        before: { locale: "en-US", timeZone: "UTC" },
        after: { locale: "de-DE", timeZone: "Europe/Berlin" },
      },
    });
  });

  test("an ADMIN may too; saving the same values again writes no event", async () => {
    signIn(admin);
    expect(
      await updateFormatSettingsAction(A.slug, form({ locale: "nl-NL", timeZone: "Europe/Amsterdam" })),
    ).toMatchObject({ ok: true });
    expect(
      await updateFormatSettingsAction(A.slug, form({ locale: "nl-NL", timeZone: "Europe/Amsterdam" })),
    ).toMatchObject({ ok: true });
    expect(await auditOf(A.id)).toHaveLength(2);
  });

  test("MEMBER and VIEWER are refused, and nothing changes", async () => {
    for (const who of [member, viewer]) {
      signIn(who);
      expect(
        await updateFormatSettingsAction(A.slug, form({ locale: "fr-FR", timeZone: "Europe/Paris" })),
      ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    await expect(
      updateFormatSettings(
        { tenantId: A.id, userId: member.id, role: "MEMBER", requestId: "r" },
        { locale: "fr-FR", timeZone: "Europe/Paris" },
      ),
    ).rejects.toThrow(ForbiddenError);
    expect(await stored(A.id)).toEqual({ locale: "nl-NL", timeZone: "Europe/Amsterdam" });
  });

  test("another tenant's slug answers not found, and each tenant's setting is its own", async () => {
    signIn(outsider); // OWNER of B, not a member of A
    expect(
      await updateFormatSettingsAction(A.slug, form({ locale: "es-ES", timeZone: "Europe/Madrid" })),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signIn(owner); // not a member of B
    expect(
      await updateFormatSettingsAction(B.slug, form({ locale: "es-ES", timeZone: "Europe/Madrid" })),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await stored(A.id)).toEqual({ locale: "nl-NL", timeZone: "Europe/Amsterdam" });
    expect(await stored(B.id)).toEqual({ locale: "en-US", timeZone: "UTC" });
    signIn(outsider);
    expect(
      await updateFormatSettingsAction(B.slug, form({ locale: "es-ES", timeZone: "Europe/Madrid" })),
    ).toMatchObject({ ok: true });
    expect(await stored(A.id)).toEqual({ locale: "nl-NL", timeZone: "Europe/Amsterdam" });
    expect(await auditOf(B.id)).toHaveLength(1);
  });

  test("a stored value no longer valid falls back instead of failing every page", async () => {
    const db = await getDb();
    const t = await newTenant([]);
    await db.$executeRaw`UPDATE tenants SET locale = 'xx-XX', time_zone = 'Gone/Zone' WHERE id = ${t.id}::uuid`;
    expect(await readFormatSettings(t.id)).toEqual({ locale: "en-US", timeZone: "UTC" });
  });
});
