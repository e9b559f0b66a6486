// A platform admin re-syncs a tenant's billing from Stripe (issue #12 item 5), for when a
// webhook was lost or the state looks wrong: the customer, its newest subscription and its
// paid invoices are re-read from Stripe and applied by the webhook's own handlers (the same
// rules: an older subscription never replaces a newer one, each invoice's credits are granted
// once, keyed by the invoice), under the same account lock, in one tenant transaction with the
// audit event in the tenant's chain and the platform's. Stripe unreachable → nothing changes.
import "server-only";
import Stripe from "stripe";
import { recordAudit, type AuditEventInput } from "@/lib/audit/record";
import { lockBillingAccount, readBillingAccount } from "@/lib/billing/billing-state";
import { stripeClient } from "@/lib/billing/stripe-client";
import { HANDLERS, syncSubscription, type HandlerContext } from "@/lib/billing/webhook/handlers";
import { getDb } from "@/lib/db";
import { ConflictError, ExternalServiceError, NotFoundError, parseInput } from "@/lib/errors";
import type { Plan } from "@/lib/generated/prisma/enums";
import { assertPlatformAdmin } from "./platform-admin";
import { resyncTenantBillingSchema, type ResyncTenantBillingInput } from "./schemas";
import type { PlatformContext } from "./types";

/** How many of the customer's newest paid invoices are checked for credits not yet granted. */
export const RESYNC_INVOICES = 12;

type BillingState = { plan: Plan; status: string | null; subscription: string | null; periodEnd: string | null };

export type ResyncTenantBillingResult = {
  before: BillingState;
  after: BillingState;
  /** Paid invoices whose credits had not been granted (a lost invoice.paid) and now are. */
  invoicesGranted: string[];
};

async function stateOf(tx: HandlerContext["tx"], tenantId: string): Promise<BillingState> {
  const [tenant] = await tx.$queryRaw<{ plan: Plan }[]>`SELECT plan FROM tenants WHERE id = ${tenantId}::uuid`;
  const account = await readBillingAccount(tx, tenantId);
  return {
    plan: tenant?.plan ?? "FREE",
    status: account?.subscriptionStatus ?? null,
    subscription: account?.stripeSubscriptionId ?? null,
    periodEnd: account?.currentPeriodEnd?.toISOString() ?? null,
  };
}

export async function resyncTenantBilling(
  ctx: PlatformContext,
  raw: ResyncTenantBillingInput,
): Promise<ResyncTenantBillingResult> {
  const input = parseInput(resyncTenantBillingSchema, raw, "The billing state was not re-synced");
  const stripe = stripeClient();
  if (!stripe)
    throw new ConflictError(
      "Billing is not configured on this installation: there is no Stripe account to re-sync from",
    );
  const db = await getDb();
  try {
    return await db.forTenant({ tenantId: input.tenantId }).$tenantTransaction(async (tx) => {
      await assertPlatformAdmin(tx, ctx);
      const tenant = await tx.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } });
      if (!tenant) throw new NotFoundError("Organisation not found");
      const account = await lockBillingAccount(tx, input.tenantId);
      const customerId = account?.stripeCustomerId;
      if (!account || !customerId)
        throw new ConflictError("This organisation has no Stripe customer yet (it never started a checkout)");
      const before = await stateOf(tx, input.tenantId);
      const c: HandlerContext = { tx, stripe, tenantId: input.tenantId, customerId, account, objectId: customerId };
      const customer = await stripe.customers.retrieve(customerId);
      const invoicesGranted: string[] = [];
      let applied: Record<string, unknown>;
      if ("deleted" in customer && customer.deleted) {
        applied = { customer: await HANDLERS["customer.deleted"]!(c) };
      } else {
        const subs = await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 10 });
        const newest = [...subs.data].sort((a, b) => b.created - a.created)[0];
        applied = { subscription: newest ? await syncSubscription(c, newest.id) : "none at Stripe" };
        const invoices = await stripe.invoices.list({ customer: customerId, status: "paid", limit: RESYNC_INVOICES });
        for (const inv of invoices.data) {
          if (!inv.id) continue;
          const r = await HANDLERS["invoice.paid"]!({ ...c, objectId: inv.id });
          if (r.granted === true) invoicesGranted.push(inv.id);
        }
      }
      const after = await stateOf(tx, input.tenantId);
      const event: AuditEventInput = {
        action: "admin.billing_resynced",
        targetType: "tenant",
        targetId: input.tenantId,
        data: { reason: input.reason, before, after, invoicesGranted, ...applied },
      };
      await recordAudit(tx, { ...event, tenantId: input.tenantId });
      await recordAudit(tx, { ...event, tenantId: null });
      return { before, after, invoicesGranted };
    });
  } catch (err) {
    // Stripe's own errors (unreachable, unknown customer) are the re-sync's failure, not ours.
    if (err instanceof Stripe.errors.StripeError)
      throw new ExternalServiceError("Stripe did not answer the re-sync; nothing was changed", { cause: err });
    throw err;
  }
}
