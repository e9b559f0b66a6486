// The one Stripe SDK instance, built from the validated configuration. STRIPE_API_BASE points
// it at another endpoint by host/port/protocol (the SDK has no base URL option): the tests' and
// e2e's local server (tests/support/stripe-server.ts) is reached through the same SDK calls as
// the real API. Unset STRIPE_SECRET_KEY → billing is "not configured" (stripeConfigured()).
import "server-only";
import Stripe from "stripe";
import { getConfig, type Config } from "@/lib/config";

export type StripeSettings = { secretKey: string; webhookSecret: string | undefined; apiBase: string | undefined };

export function stripeSettingsFrom(c: Config): StripeSettings | null {
  if (!c.STRIPE_SECRET_KEY) return null;
  return { secretKey: c.STRIPE_SECRET_KEY, webhookSecret: c.STRIPE_WEBHOOK_SECRET, apiBase: c.STRIPE_API_BASE };
}

/** Whether checkout, the portal and the webhook can work. */
export function stripeConfigured(c: Config = getConfig()): boolean {
  return stripeSettingsFrom(c) !== null;
}

export function createStripe(settings: Pick<StripeSettings, "secretKey" | "apiBase">): Stripe {
  const base = settings.apiBase ? new URL(settings.apiBase) : null;
  return new Stripe(settings.secretKey, {
    // Reads of objects (the webhook re-reads every object it applies) retry lost connections;
    // creations carry our own Idempotency-Key, so a retry can never create twice either.
    maxNetworkRetries: 2,
    timeout: 10_000,
    ...(base
      ? {
          host: base.hostname,
          port: base.port ? Number(base.port) : base.protocol === "https:" ? 443 : 80,
          protocol: base.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

let cached: { key: string; client: Stripe } | null = null;

/** The SDK for the current configuration; null when billing is not configured. */
export function stripeClient(c: Config = getConfig()): Stripe | null {
  const settings = stripeSettingsFrom(c);
  if (!settings) return null;
  const key = `${settings.secretKey}\n${settings.apiBase ?? ""}`;
  if (cached?.key !== key) cached = { key, client: createStripe(settings) };
  return cached.client;
}
