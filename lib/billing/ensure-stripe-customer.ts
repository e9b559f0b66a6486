// The tenant's one Stripe customer, created lazily at its first checkout. The idempotency key
// is the tenant (and the account's state after a deleted customer), so concurrent first
// checkouts, double clicks and retries all get the same customer from Stripe; the account row
// then keeps the first one stored (COALESCE), and the partial unique index allows one per tenant.
import "server-only";
import type Stripe from "stripe";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";

export async function ensureStripeCustomer(ctx: TenantContext, stripe: Stripe): Promise<string> {
  const db = await getDb();
  const scoped = db.forTenant(ctx);
  const [account] = await scoped.$tenantTransaction(
    (tx) => tx.$queryRaw<{ customer: string | null; updatedAt: Date }[]>`
      SELECT stripe_customer_id AS customer, updated_at AS "updatedAt" FROM billing_accounts
      WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${ctx.tenantId}::uuid`,
  );
  if (account?.customer) return account.customer;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true, slug: true } });
  // After a deleted customer the row exists without one: its updated_at makes the key new.
  const generation = account ? account.updatedAt.getTime() : 0;
  const customer = await stripe.customers.create(
    { name: tenant.name, metadata: { tenant_id: ctx.tenantId, tenant_slug: tenant.slug } },
    { idempotencyKey: `civitas-customer-${ctx.tenantId}-${generation}` },
  );
  return scoped.$tenantTransaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ customer: string }[]>`
      INSERT INTO billing_accounts (tenant_id, id, stripe_customer_id)
      VALUES (${ctx.tenantId}::uuid, ${ctx.tenantId}::uuid, ${customer.id})
      ON CONFLICT (tenant_id, id) DO UPDATE
        SET stripe_customer_id = COALESCE(billing_accounts.stripe_customer_id, EXCLUDED.stripe_customer_id),
            updated_at = now()
      RETURNING stripe_customer_id AS customer`;
    if (row?.customer === customer.id)
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "billing.customer_created",
        targetType: "stripe_customer",
        targetId: customer.id,
      });
    return row?.customer ?? customer.id;
  });
}
