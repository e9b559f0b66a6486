// A tenant for the AI casework tests: an owner, a citizen who has every PII field (so a test can
// assert none of it reaches the model), cases in a few categories, notes, credits, and a way to
// call a route handler as that owner (the session is mocked by the test file:
// jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }))).
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import type { GuardedContext } from "@/lib/auth/guard";
import { currentUser } from "@/lib/auth/session";
import { addCaseNote, createCase } from "@/lib/cases/mutations";
import { createCaseSchema } from "@/lib/cases/schemas";
import { createCitizen } from "@/lib/citizens/mutations";
import { citizenFieldsSchema } from "@/lib/citizens/schemas";
import { grantCredits } from "@/lib/credits";
import { getDb } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";
import { inRequestContext } from "./request-context";

export const CITIZEN_PII = {
  firstName: "Adalind",
  lastName: "Vermeulen",
  email: "ada.secret@example.org",
  phone: "+32 470 12 34 56",
  nationalId: "85.07.30-033.61",
  dateOfBirth: "1985-07-30",
  addressLine1: "Kerkstraat 17",
  postalCode: "9000",
  city: "Gent",
};

/** The strings that must never appear in anything sent to the model. */
export const NEVER_SENT = [
  CITIZEN_PII.nationalId,
  "85073003361",
  CITIZEN_PII.email,
  CITIZEN_PII.phone,
  CITIZEN_PII.addressLine1,
];

export type CaseworkWorld = Awaited<ReturnType<typeof caseworkWorld>>;

export async function caseworkWorld(options: { credits?: number; plan?: Plan; language?: string } = {}) {
  const db = await getDb();
  const slug = `cw-${randomUUID().slice(0, 10)}`;
  const tenant = await db.tenant.create({ data: { slug, name: "Casework Org", plan: options.plan ?? "PRO" } });
  const user = await db.user.create({
    data: { email: `cw-${randomUUID().slice(0, 8)}@casework.test`, name: "Casey Worker", emailVerifiedAt: new Date() },
  });
  await db.forTenant({ tenantId: tenant.id }).membership.create({
    data: { tenantId: tenant.id, userId: user.id, role: "OWNER" },
  });
  const ctx = {
    tenantId: tenant.id,
    userId: user.id,
    role: "OWNER",
    requestId: `test-${randomUUID()}`,
    access: { tenant: { id: tenant.id, slug, name: tenant.name }, user: { id: user.id }, role: "OWNER" },
  } as unknown as GuardedContext;
  const as = <T>(fn: () => Promise<T>) => inRequestContext(ctx, fn);
  if ((options.credits ?? 1000) > 0)
    await as(() =>
      grantCredits({ tenantId: tenant.id, credits: options.credits ?? 1000, kind: "grant", reason: "test" }),
    );
  const citizen = await as(() =>
    createCitizen(ctx, citizenFieldsSchema.parse({ ...CITIZEN_PII, preferredLanguage: options.language ?? "nl" })),
  );
  const open = (title: string, category?: string) =>
    as(() => createCase(ctx, createCaseSchema.parse({ citizenId: citizen.id, title, category, priority: "NORMAL" })));
  // Categories in use in the tenant: what the classification may choose from.
  await open("Pothole on Main Street", "Roads");
  await open("Bins not collected", "Waste");
  const kase = await open("Damp in the bedroom", "Housing");
  const note = await as(() =>
    addCaseNote(ctx, { id: kase.id, body: "Mould behind the wardrobe; the family has two small children." }),
  );
  return { ctx, as, slug, tenant, user, citizen, kase, note, open };
}

/** Makes the mocked session return `world`'s owner. */
export function signInAs(world: Pick<CaseworkWorld, "user">) {
  jest.mocked(currentUser).mockResolvedValue(world.user as never);
}

/** A POST to `path` (under /api/tenants/<slug>/) with a JSON body, or the raw body and type given. */
export function post(slug: string, path: string, body: unknown = {}, contentType = "application/json") {
  return new NextRequest(`http://localhost/api/tenants/${slug}/${path}`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function auditRows(tenantId: string) {
  return (await getDb())
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ action: string; target_id: string | null; data: Record<string, unknown> }>
        >`SELECT action, target_id, data FROM audit_events WHERE tenant_id = ${tenantId}::uuid ORDER BY seq`,
    );
}

export async function usageRows(tenantId: string) {
  return (await getDb()).forTenant({ tenantId }).aiUsage.findMany({ orderBy: { createdAt: "asc" } });
}

export async function ledgerSum(tenantId: string): Promise<bigint> {
  const rows = await (
    await getDb()
  )
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) => tx.$queryRaw<{ sum: bigint }[]>`SELECT COALESCE(SUM(delta), 0)::bigint AS sum FROM credit_ledger`,
    );
  return rows[0]!.sum;
}

export async function openReservations(tenantId: string): Promise<number> {
  return (await getDb()).forTenant({ tenantId }).creditReservation.count({ where: { status: "open" } });
}
