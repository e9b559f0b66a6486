// A platform admin adjusts a tenant's credits (/admin/tenants/<id>): one adjustment entry with
// the admin and the reason, audited in the tenant's chain and the platform's; never below zero;
// bad input is a field error; only an enabled platform admin; the billing facts it reads.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { adjustTenantCredits } from "@/lib/admin/adjust-tenant-credits";
import { readTenantCredits } from "@/lib/admin/read-tenant-credits";
import type { PlatformContext } from "@/lib/admin/types";
import { grantCredits, readCreditBalance } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { inRequestContext } from "../support/request-context";

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function admin(platformRole: "ADMIN" | "NONE" = "ADMIN", disabled = false): Promise<PlatformContext> {
  const db = await getDb();
  const user = await db.user.create({
    data: {
      email: `credits-${randomUUID().slice(0, 8)}@admin.test`,
      name: "Credit Admin",
      platformRole,
      disabledAt: disabled ? new Date() : null,
    },
  });
  return { adminId: user.id, requestId: `req-${randomUUID()}` };
}

const asAdmin = <T>(ctx: PlatformContext, fn: () => Promise<T>) =>
  inRequestContext({ userId: ctx.adminId, actorType: "platform_admin", requestId: ctx.requestId }, fn);

async function tenant(balance = 0) {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `ac-${randomUUID().slice(0, 10)}`, name: "Adjusted Org" } });
  if (balance)
    await inRequestContext({ requestId: `req-${randomUUID()}` }, () =>
      grantCredits({ tenantId: t.id, credits: balance, kind: "grant", reason: "test" }),
    );
  return t.id;
}

const fieldErrors = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).fieldErrors;
};

test("adds and takes back credits with the admin and reason in the ledger and both audit chains", async () => {
  const ctx = await admin();
  const tenantId = await tenant(500);
  const reason = "Goodwill for the outage on 2 December";
  expect(await asAdmin(ctx, () => adjustTenantCredits(ctx, { tenantId, credits: "250", reason }))).toEqual({
    credits: 250,
    balance: 750n,
  });
  expect((await asAdmin(ctx, () => adjustTenantCredits(ctx, { tenantId, credits: -750, reason }))).balance).toBe(0n);
  const db = await getDb();
  const entries = await db.forTenant({ tenantId }).creditLedgerEntry.findMany({ where: { kind: "adjustment" } });
  expect(entries.map((e) => e.delta).sort()).toEqual([-750n, 250n]);
  expect(
    entries.every((e) => e.actorId === ctx.adminId && e.actorType === "platform_admin" && e.reason === reason),
  ).toBe(true);
  const tenantEvents = await db
    .forTenant({ tenantId })
    .auditEvent.findMany({ where: { action: "admin.credits_adjusted" } });
  expect(tenantEvents.map((e) => (e.data as { after: number }).after).sort()).toEqual([0, 750]);
  const platform = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_events WHERE tenant_id IS NULL AND action = 'admin.credits_adjusted' AND target_id = ${tenantId}`;
  });
  expect(platform[0]!.n).toBe(2);
  expect(await readTenantCredits(tenantId)).toMatchObject({
    plan: "FREE",
    balance: 0n,
    reserved: 0n,
    subscriptionStatus: null,
  });
});

test("never below zero: refused with the balance named, nothing written", async () => {
  const ctx = await admin();
  const tenantId = await tenant(100);
  const errors = await fieldErrors(
    asAdmin(ctx, () => adjustTenantCredits(ctx, { tenantId, credits: -101, reason: "Claw back the trial" })),
  );
  expect(errors.credits).toEqual(["That would take the balance below zero: it is 100 credits"]);
  expect((await readCreditBalance({ tenantId })).balance).toBe(100n);
  const db = await getDb();
  expect(await db.forTenant({ tenantId }).auditEvent.count({ where: { action: "admin.credits_adjusted" } })).toBe(0);
});

test.each([
  [{ credits: 0 }, "credits", "Enter a number other than 0"],
  [{ credits: "1.5" }, "credits", "Enter a whole number of credits"],
  [{ credits: "lots" }, "credits", "Enter a whole number of credits, e.g. 500 or -200"],
  [{ credits: 20_000_000 }, "credits", "At most 10,000,000 credits at a time"],
  [{ reason: "no" }, "reason", "Give a reason of at least 5 characters"],
  [{ reason: "bad\u0000reason" }, "reason", undefined],
  [{ tenantId: "not-an-id" }, "tenantId", "Not a valid organisation id"],
])("bad input %j → a field error on %s", async (over, field, message) => {
  const ctx = await admin();
  const tenantId = await tenant(10);
  const errors = await fieldErrors(
    asAdmin(ctx, () => adjustTenantCredits(ctx, { tenantId, credits: 5, reason: "A fine reason", ...over })),
  );
  expect(errors[field]).toBeDefined();
  if (message) expect(errors[field]).toContain(message);
  expect((await readCreditBalance({ tenantId })).balance).toBe(10n);
});

test("only an enabled platform admin; an unknown organisation is not found", async () => {
  const tenantId = await tenant(10);
  for (const ctx of [await admin("NONE"), await admin("ADMIN", true)])
    await expect(
      asAdmin(ctx, () => adjustTenantCredits(ctx, { tenantId, credits: 5, reason: "A fine reason" })),
    ).rejects.toBeInstanceOf(ForbiddenError);
  const ctx = await admin();
  await expect(
    asAdmin(ctx, () => adjustTenantCredits(ctx, { tenantId: randomUUID(), credits: 5, reason: "A fine reason" })),
  ).rejects.toBeInstanceOf(NotFoundError);
  expect((await readCreditBalance({ tenantId })).balance).toBe(10n);
  expect(await readTenantCredits("nope")).toBeNull();
  expect(await readTenantCredits(randomUUID())).toBeNull();
});
