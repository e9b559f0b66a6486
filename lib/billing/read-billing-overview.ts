// What the billing page shows about the tenant's plan: the Stripe account state, renewal, seats.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { tenantQuery } from "@/lib/db/tenant-read";
import { Prisma } from "@/lib/generated/prisma/client";
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

/**
 * What the dashboard's banners need, in one round trip: an overdue payment, and no credits left.
 * Every tenant page's layout reads it, so it goes through tenantQuery (one pipelined round trip)
 * rather than an interactive transaction (four, plus Prisma's transaction machinery).
 */
export async function readBillingBanners(
  ctx: Pick<TenantContext, "tenantId">,
): Promise<{ pastDueSince: Date | null; outOfCredits: boolean }> {
  const [row] = await tenantQuery<{ since: Date | null; out_of_credits: boolean }>(
    ctx.tenantId,
    Prisma.sql`
      SELECT (SELECT past_due_since FROM billing_accounts WHERE tenant_id = ${ctx.tenantId}::uuid
                AND past_due_since IS NOT NULL LIMIT 1) AS since,
             COALESCE((SELECT balance FROM credit_balances WHERE tenant_id = ${ctx.tenantId}::uuid LIMIT 1), 0) <= 0
               AS out_of_credits`,
  );
  return { pastDueSince: row?.since ? new Date(row.since) : null, outOfCredits: row?.out_of_credits ?? true };
}
