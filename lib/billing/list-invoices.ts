// The organisation's invoices for the billing page, read from Stripe (the record of what was
// charged; we keep no copy): the newest 12 of the tenant's own Stripe customer, found through the
// tenant's billing account, so another organisation's invoices cannot be asked for. Stripe being
// unreachable is a state the page shows ("could not be loaded"), never a failed page.
import "server-only";
import Stripe from "stripe";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { readBillingAccount } from "./billing-state";
import { stripeClient } from "./stripe-client";

export const INVOICES_SHOWN = 12;

export type InvoiceView = {
  id: string;
  number: string | null;
  status: string | null;
  /** In the currency's smallest unit (cents). */
  amount: number;
  currency: string;
  created: Date;
  /** Stripe's page for the invoice (pay or download), when it has one. */
  url: string | null;
};

export type InvoiceList =
  { state: "not_configured" } | { state: "none" } | { state: "unavailable" } | { state: "ok"; invoices: InvoiceView[] };

export async function listInvoices(ctx: Pick<TenantContext, "tenantId" | "requestId">): Promise<InvoiceList> {
  const stripe = stripeClient();
  if (!stripe) return { state: "not_configured" };
  const db = await getDb();
  const account = await db.forTenant(ctx).$tenantTransaction((tx) => readBillingAccount(tx, ctx.tenantId));
  if (!account?.stripeCustomerId) return { state: "none" };
  try {
    const page = await stripe.invoices.list({ customer: account.stripeCustomerId, limit: INVOICES_SHOWN });
    const invoices = page.data
      // Stripe answers for the customer asked; the filter keeps that promise if it ever did not.
      .filter(
        (inv) => (typeof inv.customer === "string" ? inv.customer : inv.customer?.id) === account.stripeCustomerId,
      )
      .filter((inv) => inv.status !== "draft")
      .map((inv) => ({
        id: inv.id ?? "",
        number: inv.number ?? null,
        status: inv.status ?? null,
        amount: inv.status === "paid" ? (inv.amount_paid ?? 0) : (inv.amount_due ?? inv.amount_paid ?? 0),
        currency: inv.currency ?? "eur",
        created: new Date(inv.created * 1000),
        url: inv.hosted_invoice_url ?? null,
      }));
    return invoices.length ? { state: "ok", invoices } : { state: "none" };
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeError)) throw err;
    logger.warn({ err, event: "billing.invoices_unavailable", tenant_id: ctx.tenantId, request_id: ctx.requestId });
    return { state: "unavailable" };
  }
}
