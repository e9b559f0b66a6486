// A platform admin re-syncs a tenant's billing from Stripe (/admin/tenants/<id>): lost webhooks
// are made good (plan, subscription, the paid invoice's credits granted once, also against the
// late webhook), audited with the reason in the tenant's chain and the platform's; another
// tenant is untouched; only an enabled platform admin; Stripe unreachable, no customer, an
// unknown organisation, billing not configured and bad input each change nothing.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { resyncTenantBilling } from "@/lib/admin/resync-tenant-billing";
import { readTenantCredits } from "@/lib/admin/read-tenant-credits";
import type { PlatformContext } from "@/lib/admin/types";
import { resetConfigForTests } from "@/lib/config";
import { getDatabase, getDb } from "@/lib/db";
import { ConflictError, ExternalServiceError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { inRequestContext } from "../support/request-context";
import type { StripeServer } from "../support/stripe-server";
import { billingSnapshot, billingTenant, deliverAndApply, withStripeServer } from "../support/stripe-billing";

const stripeEnv = withStripeServer();
afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function admin(platformRole: "ADMIN" | "NONE" = "ADMIN", disabled = false): Promise<PlatformContext> {
  const db = await getDb();
  const user = await db.user.create({
    data: {
      email: `resync-${randomUUID().slice(0, 8)}@admin.test`,
      name: "Resync Admin",
      platformRole,
      disabledAt: disabled ? new Date() : null,
    },
  });
  return { adminId: user.id, requestId: `req-${randomUUID()}` };
}

const asAdmin = <T>(ctx: PlatformContext, fn: () => Promise<T>) =>
  inRequestContext({ userId: ctx.adminId, actorType: "platform_admin", requestId: ctx.requestId }, fn);

const reason = "Support ticket 4711: paid but still on Free";

/** A Pro subscription paid at Stripe whose webhooks never arrived. */
async function lostCheckout(server: StripeServer, stripe: Stripe, customerId: string) {
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customerId,
    success_url: "http://app/ok",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "eur",
          unit_amount: 4900,
          recurring: { interval: "month" },
          product_data: { name: "Pro" },
        },
      },
    ],
    subscription_data: { metadata: { plan: "PRO" } },
  });
  return server.complete(session.id);
}

async function resyncAudits(tenantId: string) {
  const db = await getDb();
  const own = await db.forTenant({ tenantId }).auditEvent.findMany({ where: { action: "admin.billing_resynced" } });
  const platform = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_events
      WHERE tenant_id IS NULL AND action = 'admin.billing_resynced' AND target_id = ${tenantId}`;
  });
  return { own, platform: platform[0]!.n };
}

test("lost webhooks: the re-sync applies Stripe's subscription and grants the paid invoice once, audited twice", async () => {
  const { server, stripe } = stripeEnv();
  const ctx = await admin();
  const t = await billingTenant(stripe);
  const other = await billingTenant(stripe);
  const events = await lostCheckout(server, stripe, t.customerId);
  await lostCheckout(server, stripe, other.customerId);
  const otherBefore = await billingSnapshot(other.tenantId);

  const result = await asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: t.tenantId, reason }));
  expect(result.before).toMatchObject({ plan: "FREE", status: null });
  expect(result.after).toMatchObject({ plan: "PRO", status: "active", subscription: expect.stringMatching(/^sub_/) });
  expect(result.invoicesGranted).toHaveLength(1);
  expect(await billingSnapshot(t.tenantId)).toMatchObject({
    plan: "PRO",
    balance: 20_000,
    ledgerSum: 20_000,
    account: { status: "active", hasPeriodEnd: true },
  });
  const db = await getDb();
  const [grant] = await db.forTenant({ tenantId: t.tenantId }).creditLedgerEntry.findMany({ where: { kind: "grant" } });
  expect(grant).toMatchObject({ actorId: ctx.adminId, actorType: "platform_admin" });
  const audits = await resyncAudits(t.tenantId);
  expect(audits.platform).toBe(1);
  expect(audits.own).toHaveLength(1);
  expect(audits.own[0]!.data).toMatchObject({ reason, before: { plan: "FREE" }, after: { plan: "PRO" } });
  // Another tenant with the same kind of lost checkout is not touched.
  expect(await billingSnapshot(other.tenantId)).toEqual(otherBefore);

  // Again: nothing left to change. Then the late webhooks arrive: nothing granted twice.
  const again = await asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: t.tenantId, reason }));
  expect(again.invoicesGranted).toEqual([]);
  expect(again.after).toEqual(again.before);
  for (const e of events) expect((await deliverAndApply(e)).applied).toBe("applied");
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ plan: "PRO", balance: 20_000, ledgerSum: 20_000 });
  expect((await readTenantCredits(t.tenantId))?.hasStripeCustomer).toBe(true);
});

test("a customer deleted at Stripe: the re-sync cancels the plan and forgets the customer", async () => {
  const { server, stripe } = stripeEnv();
  const ctx = await admin();
  const t = await billingTenant(stripe);
  for (const e of await lostCheckout(server, stripe, t.customerId)) await deliverAndApply(e);
  server.put({ id: t.customerId, object: "customer", deleted: true });
  const result = await asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: t.tenantId, reason }));
  expect(result).toMatchObject({ before: { plan: "PRO" }, after: { plan: "FREE", status: "canceled" } });
  expect(await billingSnapshot(t.tenantId)).toMatchObject({ plan: "FREE", account: { hasCustomer: false } });
});

test("Stripe unreachable: an external-service error, nothing changed, nothing audited", async () => {
  const { server, stripe } = stripeEnv();
  const ctx = await admin();
  const t = await billingTenant(stripe);
  await lostCheckout(server, stripe, t.customerId);
  const before = await billingSnapshot(t.tenantId);
  server.failNext("/v1/subscriptions", 3);
  await expect(asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: t.tenantId, reason }))).rejects.toBeInstanceOf(
    ExternalServiceError,
  );
  expect(await billingSnapshot(t.tenantId)).toEqual(before);
  expect((await resyncAudits(t.tenantId)).own).toEqual([]);
});

test("only an enabled platform admin; an unknown organisation is not found; no customer is a conflict", async () => {
  const { server, stripe } = stripeEnv();
  const t = await billingTenant(stripe);
  await lostCheckout(server, stripe, t.customerId);
  const before = await billingSnapshot(t.tenantId);
  for (const ctx of [await admin("NONE"), await admin("ADMIN", true)])
    await expect(asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: t.tenantId, reason }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  expect(await billingSnapshot(t.tenantId)).toEqual(before);
  const ctx = await admin();
  await expect(asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: randomUUID(), reason }))).rejects.toBeInstanceOf(
    NotFoundError,
  );
  const db = await getDb();
  const plain = await db.tenant.create({ data: { slug: `rs-${randomUUID().slice(0, 10)}`, name: "No customer" } });
  await expect(asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: plain.id, reason }))).rejects.toMatchObject({
    constructor: ConflictError,
    message: expect.stringContaining("no Stripe customer"),
  });
  expect((await readTenantCredits(plain.id))?.hasStripeCustomer).toBe(false);
  expect((await resyncAudits(t.tenantId)).own).toEqual([]);
});

test("bad input is a field error; without Stripe keys the re-sync says billing is not configured", async () => {
  const ctx = await admin();
  const err = await asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: "nope", reason: "x" })).catch((e) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(Object.keys((err as ValidationError).fieldErrors).sort()).toEqual(["reason", "tenantId"]);
  const key = process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_SECRET_KEY;
  resetConfigForTests();
  try {
    await expect(
      asAdmin(ctx, () => resyncTenantBilling(ctx, { tenantId: randomUUID(), reason })),
    ).rejects.toMatchObject({ constructor: ConflictError, message: expect.stringContaining("not configured") });
  } finally {
    process.env.STRIPE_SECRET_KEY = key;
    resetConfigForTests();
  }
});
