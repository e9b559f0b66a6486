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

/** The dashboard banner's question: since when has a payment been overdue, if at all. */
export async function readPastDueSince(ctx: Pick<TenantContext, "tenantId">): Promise<Date | null> {
  const db = await getDb();
  const [row] = await db.forTenant(ctx).$tenantTransaction(
    (tx) => tx.$queryRaw<{ since: Date | null }[]>`
      SELECT past_due_since AS since FROM billing_accounts WHERE tenant_id = ${ctx.tenantId}::uuid AND past_due_since IS NOT NULL LIMIT 1`,
  );
  return row?.since ?? null;
}
