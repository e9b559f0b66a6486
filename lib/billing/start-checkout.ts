// Opens a Stripe Checkout session: the Pro subscription or a one-off credit pack. What is sold is
// priced from lib/billing (plans, credit packs), never from the request; the webhook grants from
// the same tables. Idempotency key: tenant + what is bought + the form's attempt id.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { appUrl } from "@/lib/email/app-url";
import { ConflictError, UnavailableError } from "@/lib/errors";
import { creditPack } from "./credit-packs";
import { PLANS } from "./plans";
import type { CheckoutInput } from "./schemas";
import { ensureStripeCustomer } from "./ensure-stripe-customer";
import { stripeClient } from "./stripe-client";

const LIVE = new Set(["active", "trialing", "past_due"]);

export async function startCheckout(ctx: TenantContext, input: CheckoutInput): Promise<{ url: string }> {
  const stripe = stripeClient();
  if (!stripe) throw new UnavailableError("Billing is not configured");
  const db = await getDb();
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { slug: true, plan: true } });
  if (input.kind === "plan") {
    const [account] = await db.forTenant(ctx).$tenantTransaction(
      (tx) => tx.$queryRaw<{ status: string | null }[]>`
        SELECT subscription_status AS status FROM billing_accounts WHERE tenant_id = ${ctx.tenantId}::uuid`,
    );
    if (LIVE.has(account?.status ?? "") || tenant.plan === input.plan)
      throw new ConflictError(
        `This organisation already has a subscription (${PLANS[tenant.plan].name}): change or cancel it under "Manage subscription"`,
      );
  }
  const customer = await ensureStripeCustomer(ctx, stripe);
  const back = (outcome: string) => appUrl(`/${tenant.slug}/settings/billing?checkout=${outcome}`);
  const [successUrl, cancelUrl] = await Promise.all([back("success"), back("cancelled")]);
  const common = { customer, success_url: successUrl, cancel_url: cancelUrl, client_reference_id: ctx.tenantId };
  const session =
    input.kind === "plan"
      ? await stripe.checkout.sessions.create(
          {
            ...common,
            mode: "subscription",
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: "eur",
                  unit_amount: PLANS[input.plan].monthlyPriceCents ?? 0,
                  recurring: { interval: "month" },
                  product_data: { name: `Civitas ${PLANS[input.plan].name}` },
                },
              },
            ],
            subscription_data: { metadata: { plan: input.plan, tenant_id: ctx.tenantId } },
            metadata: { tenant_id: ctx.tenantId, plan: input.plan },
          },
          { idempotencyKey: `civitas-checkout-${ctx.tenantId}-plan-${input.plan}-${input.attempt}` },
        )
      : await (async () => {
          const pack = creditPack(input.pack)!;
          return stripe.checkout.sessions.create(
            {
              ...common,
              mode: "payment",
              line_items: [
                {
                  quantity: 1,
                  price_data: {
                    currency: "eur",
                    unit_amount: pack.priceCents,
                    product_data: { name: `Civitas ${pack.name}` },
                  },
                },
              ],
              metadata: { tenant_id: ctx.tenantId, pack: pack.id },
            },
            { idempotencyKey: `civitas-checkout-${ctx.tenantId}-pack-${pack.id}-${input.attempt}` },
          );
        })();
  if (!session.url) throw new UnavailableError("Stripe did not return a checkout page");
  await db.forTenant(ctx).$tenantTransaction((tx) =>
    recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "billing.checkout_started",
      targetType: "stripe_checkout_session",
      targetId: session.id,
      data: input.kind === "plan" ? { plan: input.plan } : { pack: input.pack },
    }),
  );
  return { url: session.url };
}
