"use server";
// Thin server actions for billing: the guard resolves the tenant from the URL's slug and checks
// billing.manage (OWNER and ADMIN); lib/billing does the work and answers the Stripe page to open.
import { tenantAction } from "@/lib/auth/guard";
import { openPortal } from "@/lib/billing/open-portal";
import { checkoutSchema, portalSchema } from "@/lib/billing/schemas";
import { startCheckout } from "@/lib/billing/start-checkout";

export const startCheckoutAction = tenantAction("billing.manage", checkoutSchema, (ctx, input) =>
  startCheckout(ctx, input),
);

export const openPortalAction = tenantAction("billing.manage", portalSchema, (ctx, input) => openPortal(ctx, input));
