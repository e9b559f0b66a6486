// What the billing page shows about the tenant's plan: the Stripe account state, renewal, seats.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { readBillingAccount, type BillingAccountRow } from "./billing-state";
import { seatUse, type SeatUse } from "./seats";

export type BillingOverview = { account: BillingAccountRow | null; seats: SeatUse };

export async function readBillingOverview(ctx: Pick<TenantContext, "tenantId">): Promise<BillingOverview> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    // One after the other: a transaction is one connection.
    const account = await readBillingAccount(tx, ctx.tenantId);
    return { account, seats: await seatUse(tx, ctx.tenantId) };
  });
}

/** What the dashboard's banners need, in one round trip: an overdue payment, and no credits left. */
export async function readBillingBanners(
  ctx: Pick<TenantContext, "tenantId">,
): Promise<{ pastDueSince: Date | null; outOfCredits: boolean }> {
  const db = await getDb();
  const [row] = await db.forTenant(ctx).$tenantTransaction(
    (tx) => tx.$queryRaw<{ since: Date | null; balance: bigint | null }[]>`
      SELECT (SELECT past_due_since FROM billing_accounts WHERE tenant_id = ${ctx.tenantId}::uuid
                AND past_due_since IS NOT NULL LIMIT 1) AS since,
             (SELECT balance FROM credit_balances LIMIT 1) AS balance`,
  );
  return { pastDueSince: row?.since ?? null, outOfCredits: (row?.balance ?? 0n) <= 0n };
}
