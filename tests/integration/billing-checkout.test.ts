// Checkout, portal and seat limits against the local Stripe server: one customer per tenant
// (created lazily, also under concurrent first checkouts), business idempotency keys so a
// double click opens one session, OWNER/ADMIN only through the permission table, another
// tenant's slug refused, "not configured" without keys, and seats enforced on invite and accept.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { authorizeTenant } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { openPortal } from "@/lib/billing/open-portal";
import { checkoutSchema } from "@/lib/billing/schemas";
import { startCheckout } from "@/lib/billing/start-checkout";
import { resetConfigForTests } from "@/lib/config";
import type { TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { acceptInvitation } from "@/lib/tenants/accept-invitation";
import { inviteMember } from "@/lib/tenants/invitations";
import { inRequestContext } from "../support/request-context";
import { applyEvent, billingSnapshot, deliver, deliverAndApply, withStripeServer } from "../support/stripe-billing";

const stripeEnv = withStripeServer();
afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function member(tenantId: string, role: Role) {
  const db = await getDb();
  const u = await db.user.create({
    data: { email: `${role.toLowerCase()}-${randomUUID()}@billing.test`, name: role, emailVerifiedAt: new Date() },
  });
  await db.forTenant({ tenantId }).membership.create({ data: { tenantId, userId: u.id, role } });
  return { id: u.id, email: u.email, name: u.name };
}

async function org(plan: "FREE" | "PRO" = "FREE") {
  const db = await getDb();
  const slug = `co-${randomUUID().slice(0, 10)}`;
  const tenant = await db.tenant.create({ data: { slug, name: `Org ${slug}`, plan } });
  const owner = await member(tenant.id, "OWNER");
  const ctx: TenantContext = { tenantId: tenant.id, userId: owner.id, role: "OWNER", requestId: `req-${randomUUID()}` };
  return { tenantId: tenant.id, slug, owner, ctx };
}

const as = <T>(ctx: TenantContext, fn: () => Promise<T>) =>
  inRequestContext({ userId: ctx.userId, tenantId: ctx.tenantId, requestId: ctx.requestId }, fn);
const plan = (attempt = randomUUID()) => ({ kind: "plan" as const, plan: "PRO" as const, attempt });

describe("checkout", () => {
  test("a double click (same attempt) opens one session; one customer per tenant, created lazily", async () => {
    const { server } = stripeEnv();
    const o = await org();
    const input = plan();
    const first = await as(o.ctx, () => startCheckout(o.ctx, input));
    const second = await as(o.ctx, () => startCheckout(o.ctx, input));
    expect(second.url).toBe(first.url);
    const again = await as(o.ctx, () => startCheckout(o.ctx, plan()));
    expect(again.url).not.toBe(first.url);
    const customers = [...server.objects.values()].filter(
      (x) => x.object === "customer" && (x.metadata as Record<string, string>)?.tenant_id === o.tenantId,
    );
    expect(customers).toHaveLength(1);
    const keys = server.requests.filter((r) => r.body.customer === customers[0]!.id || r.path === "/v1/customers");
    expect(
      server.requests
        .filter((r) => r.path === "/v1/checkout/sessions" && r.body.customer === customers[0]!.id)
        .map((r) => r.idempotencyKey),
    ).toEqual([
      `civitas-checkout-${o.tenantId}-plan-PRO-${input.attempt}`,
      `civitas-checkout-${o.tenantId}-plan-PRO-${input.attempt}`,
      expect.stringMatching(new RegExp(`^civitas-checkout-${o.tenantId}-plan-PRO-`)),
    ]);
    expect(keys.length).toBeGreaterThan(0);
    const session = server.requests.find((r) => r.idempotencyKey?.endsWith(input.attempt))!;
    expect(session.body).toMatchObject({
      mode: "subscription",
      subscription_data: { metadata: { plan: "PRO", tenant_id: o.tenantId } },
      line_items: { "0": { price_data: { unit_amount: "4900", currency: "eur" } } },
    });
  });

  test("concurrent first checkouts of one tenant make one Stripe customer", async () => {
    const { server } = stripeEnv();
    const o = await org();
    const urls = await Promise.all(Array.from({ length: 6 }, () => as(o.ctx, () => startCheckout(o.ctx, plan()))));
    expect(new Set(urls.map((u) => u.url)).size).toBe(6);
    const created = server.requests.filter(
      (r) => r.path === "/v1/customers" && (r.body.metadata as Record<string, string>)?.tenant_id === o.tenantId,
    );
    expect(new Set(created.map((r) => r.idempotencyKey))).toEqual(new Set([`civitas-customer-${o.tenantId}-0`]));
    const customers = [...server.objects.values()].filter(
      (x) => x.object === "customer" && (x.metadata as Record<string, string>)?.tenant_id === o.tenantId,
    );
    expect(customers).toHaveLength(1);
  });

  test("a credit pack is priced from the pack table; paying it through the webhook adds its credits once", async () => {
    const { server } = stripeEnv();
    const o = await org();
    const { url } = await as(o.ctx, () =>
      startCheckout(o.ctx, { kind: "pack", pack: "pack_5k", attempt: randomUUID() }),
    );
    const sessionId = url.split("/").pop()!;
    expect(server.objects.get(sessionId)).toMatchObject({ mode: "payment", metadata: { pack: "pack_5k" } });
    for (const e of server.complete(sessionId)) {
      expect((await deliver(e)).body.outcome).toBe("queued");
      expect((await deliver(e)).body.outcome).toBe("duplicate");
      expect(await applyEvent(e)).toBe("applied");
      expect((await deliverAndApply(e)).applied).toBe("duplicate");
    }
    expect(await billingSnapshot(o.tenantId)).toMatchObject({ balance: 5000, ledgerSum: 5000 });
  });

  test("an unknown pack, another plan or a missing attempt are field errors", () => {
    expect(checkoutSchema.safeParse({ kind: "pack", pack: "pack_free_money", attempt: randomUUID() }).success).toBe(
      false,
    );
    expect(checkoutSchema.safeParse({ kind: "plan", plan: "ENTERPRISE", attempt: randomUUID() }).success).toBe(false);
    expect(checkoutSchema.safeParse({ kind: "plan", plan: "PRO" }).success).toBe(false);
  });

  test("a tenant that already subscribes is sent to the portal instead of a second subscription", async () => {
    const { server } = stripeEnv();
    const o = await org();
    const { url } = await as(o.ctx, () => startCheckout(o.ctx, plan()));
    for (const e of server.complete(url.split("/").pop()!)) await deliverAndApply(e);
    await expect(as(o.ctx, () => startCheckout(o.ctx, plan()))).rejects.toBeInstanceOf(ConflictError);
    const portal = await as(o.ctx, () => openPortal(o.ctx, { attempt: randomUUID() }));
    expect(portal.url).toContain("/portal");
    expect(server.requests.at(-1)?.idempotencyKey).toMatch(new RegExp(`^civitas-portal-${o.tenantId}-`));
  });

  test("the portal without any purchase says there is nothing to manage", async () => {
    const o = await org();
    await expect(as(o.ctx, () => openPortal(o.ctx, { attempt: randomUUID() }))).rejects.toBeInstanceOf(ConflictError);
  });

  test("only OWNER and ADMIN may buy (permission table); another tenant's slug is not found", async () => {
    expect(
      (["OWNER", "ADMIN", "MEMBER", "VIEWER", "COMPLIANCE"] as const).map((r) => can(r, "billing.manage")),
    ).toEqual([true, true, false, false, false]);
    const a = await org();
    const b = await org();
    const memberOfA = await member(a.tenantId, "MEMBER");
    const adminOfA = await member(a.tenantId, "ADMIN");
    await expect(authorizeTenant(memberOfA, a.slug, "billing.manage")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(authorizeTenant(adminOfA, a.slug, "billing.manage")).resolves.toMatchObject({ role: "ADMIN" });
    await expect(authorizeTenant(a.owner, b.slug, "billing.manage")).rejects.toBeInstanceOf(NotFoundError);
  });

  test("without Stripe keys billing is not configured (503), and nothing is sent", async () => {
    const { server } = stripeEnv();
    const saved = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    resetConfigForTests();
    try {
      const o = await org();
      const before = server.requests.length;
      await expect(as(o.ctx, () => startCheckout(o.ctx, plan()))).rejects.toBeInstanceOf(UnavailableError);
      await expect(as(o.ctx, () => openPortal(o.ctx, { attempt: randomUUID() }))).rejects.toBeInstanceOf(
        UnavailableError,
      );
      expect(server.requests.length).toBe(before);
    } finally {
      process.env.STRIPE_SECRET_KEY = saved;
      resetConfigForTests();
    }
  });
});

describe("seat limits", () => {
  test("inviting past the Free plan's 3 seats is refused naming the limit and the upgrade", async () => {
    const o = await org();
    await member(o.tenantId, "MEMBER");
    await as(o.ctx, () => inviteMember(o.ctx, { email: `x-${randomUUID()}@billing.test`, role: "VIEWER" }));
    const refused = as(o.ctx, () => inviteMember(o.ctx, { email: `y-${randomUUID()}@billing.test`, role: "VIEWER" }));
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(
      as(o.ctx, () => inviteMember(o.ctx, { email: `y-${randomUUID()}@billing.test`, role: "VIEWER" })),
    ).rejects.toThrow(/Free plan has 3 seats.*Upgrade to Pro \(25 seats\)/);
  });

  test("accepting when the seats were filled meanwhile is refused; the invitation stays usable after an upgrade", async () => {
    const o = await org();
    const email = `late-${randomUUID()}@billing.test`;
    await as(o.ctx, () => inviteMember(o.ctx, { email, role: "VIEWER" }));
    await member(o.tenantId, "MEMBER");
    await member(o.tenantId, "MEMBER");
    const db = await getDb();
    const invitee = await db.user.create({ data: { email, name: "Late", emailVerifiedAt: new Date() } });
    const token = await resetInvitationToken(o.tenantId, email);
    await expect(as(o.ctx, () => acceptInvitation(invitee, token))).rejects.toThrow(/3 seats and all are taken/);
    await db.tenant.update({ where: { id: o.tenantId }, data: { plan: "PRO" } });
    await expect(as(o.ctx, () => acceptInvitation(invitee, token))).resolves.toMatchObject({ slug: o.slug });
  });
});

/** Gives the pending invitation a known token (the real one only travels by email). */
async function resetInvitationToken(tenantId: string, email: string): Promise<string> {
  const { newSecretToken } = await import("@/lib/crypto/secret-token");
  const { token, hash } = newSecretToken();
  const db = await getDb();
  await db.forTenant({ tenantId }).invitation.updateMany({ where: { email }, data: { tokenHash: hash } });
  return token;
}

describe("dashboard banners", () => {
  test("out of credits until a grant; past due once a payment failed", async () => {
    const { readBillingBanners } = await import("@/lib/billing/read-billing-overview");
    const { grantCredits } = await import("@/lib/credits");
    const o = await org();
    expect(await readBillingBanners(o)).toEqual({ pastDueSince: null, outOfCredits: true });
    await as(o.ctx, () => grantCredits({ tenantId: o.tenantId, credits: 10, kind: "grant", reason: "t" }));
    expect(await readBillingBanners(o)).toEqual({ pastDueSince: null, outOfCredits: false });
    const db = await getDb();
    await db.forTenant(o).$tenantTransaction(
      (tx) => tx.$executeRaw`
        INSERT INTO billing_accounts (tenant_id, id, stripe_customer_id, past_due_since)
        VALUES (${o.tenantId}::uuid, ${o.tenantId}::uuid, ${`cus_${randomUUID()}`}, now())`,
    );
    expect((await readBillingBanners(o)).pastDueSince).toBeInstanceOf(Date);
    // Another tenant's state never shows.
    const other = await org();
    expect(await readBillingBanners(other)).toEqual({ pastDueSince: null, outOfCredits: true });
  });
});
