// The webhook's one business function: verify the signature on the raw body, then accept the
// event (accept-stripe-event.ts: stored and queued; the job queue applies it). A bad, missing or
// stale signature (older than Stripe's 300 s tolerance) or a body altered after signing is a 400
// before anything is read or written.
import "server-only";
import Stripe from "stripe";
import { runAsSystem } from "@/lib/context/request-context";
import { UnavailableError, ValidationError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { stripeClient } from "../stripe-client";
import { acceptStripeEvent, type AcceptOutcome } from "./accept-stripe-event";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export async function receiveStripeWebhook(
  rawBody: string,
  signature: string | null,
): Promise<{ id: string; outcome: AcceptOutcome }> {
  const config = getConfig();
  const stripe = stripeClient(config);
  const secret = config.STRIPE_WEBHOOK_SECRET;
  if (!stripe || !secret) throw new UnavailableError("Billing is not configured");
  if (!signature) throw new ValidationError("The Stripe-Signature header is missing");
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
  } catch (err) {
    logger.warn({ event: "billing.webhook_signature_refused", reason: (err as Error).message.slice(0, 200) });
    throw new ValidationError("The Stripe signature is not valid for this body");
  }
  const outcome = await runAsSystem("stripe_webhook", () => acceptStripeEvent(event));
  return { id: event.id, outcome };
}
