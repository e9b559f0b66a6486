// What the platform shows of a tenant's billing without opening its data: plan, credit balance
// and Stripe subscription state (issue #12 item 5). Billing facts, not the organisation's
// records: read without a reason, like the tenant's name and member count.
import "server-only";
import { getDb } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation/uuid";

export type TenantCredits = {
  plan: Plan;
  balance: bigint;
  reserved: bigint;
  subscriptionStatus: string | null;
  currentPeriodEnd: Date | null;
  /** Whether a checkout made its Stripe customer (what a re-sync reads from). */
  hasStripeCustomer: boolean;
};

export async function readTenantCredits(tenantId: string): Promise<TenantCredits | null> {
  if (!isUuid(tenantId)) return null;
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    const [row] = await tx.$queryRaw<TenantCredits[]>`
      SELECT t.plan, COALESCE(b.balance, 0) AS balance, COALESCE(b.reserved, 0) AS reserved,
             a.subscription_status AS "subscriptionStatus", a.current_period_end AS "currentPeriodEnd",
             COALESCE(a.stripe_customer_id IS NOT NULL, false) AS "hasStripeCustomer"
      FROM tenants t
      LEFT JOIN credit_balances b ON b.tenant_id = t.id
      LEFT JOIN billing_accounts a ON a.tenant_id = t.id AND a.id = t.id
      WHERE t.id = ${tenantId}::uuid`;
    return row ?? null;
  });
}
