// A Stripe Customer Portal session (payment methods, cancellation, invoices) for the tenant's
// customer. A tenant that never bought anything has no customer: it is told to subscribe first.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { appUrl } from "@/lib/email/app-url";
import { ConflictError, UnavailableError } from "@/lib/errors";
import type { PortalInput } from "./schemas";
import { stripeClient } from "./stripe-client";

export async function openPortal(ctx: TenantContext, input: PortalInput): Promise<{ url: string }> {
  const stripe = stripeClient();
  if (!stripe) throw new UnavailableError("Billing is not configured");
  const db = await getDb();
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { slug: true } });
  const [account] = await db.forTenant(ctx).$tenantTransaction(
    (tx) => tx.$queryRaw<{ customer: string | null }[]>`
      SELECT stripe_customer_id AS customer FROM billing_accounts WHERE tenant_id = ${ctx.tenantId}::uuid AND stripe_customer_id IS NOT NULL`,
  );
  if (!account?.customer) throw new ConflictError("There is no subscription or purchase to manage yet");
  const session = await stripe.billingPortal.sessions.create(
    { customer: account.customer, return_url: await appUrl(`/${tenant.slug}/settings/billing`) },
    { idempotencyKey: `civitas-portal-${ctx.tenantId}-${input.attempt}` },
  );
  return { url: session.url };
}
