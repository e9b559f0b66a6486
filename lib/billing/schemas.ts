// Inputs of the billing actions, shared by the billing page's forms and the server. `attempt` is
// a random id the form is rendered with: the Stripe idempotency keys are derived from it and
// from what is bought, so a double click or a retried request opens the same Checkout session,
// while a new visit to the page is a new attempt. Client-safe.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { CREDIT_PACKS } from "./credit-packs";

const attempt = text(64).pipe(z.uuid({ message: "Reload the page and try again" }));

export const checkoutSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("plan"),
    plan: z.enum(["PRO"], { message: "Choose a plan that can be bought online" }),
    attempt,
  }),
  z.object({
    kind: z.literal("pack"),
    pack: z.enum(CREDIT_PACKS.map((p) => p.id) as [string, ...string[]], { message: "Choose one of the credit packs" }),
    attempt,
  }),
]);
export type CheckoutInput = z.infer<typeof checkoutSchema>;

export const portalSchema = z.object({ attempt });
export type PortalInput = z.infer<typeof portalSchema>;
