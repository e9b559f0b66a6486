// The local Stripe stand-in (tests/support/stripe-server.ts) as a process of its own, for the
// e2e run and for trying billing without a Stripe account: point the app at it with
// STRIPE_API_BASE=http://127.0.0.1:<port>, STRIPE_SECRET_KEY=sk_test_local and
// STRIPE_WEBHOOK_SECRET=<the secret below>. Its /pay page completes a checkout and delivers the
// signed webhooks to STRIPE_LOCAL_WEBHOOK_URL before sending the browser back.
//
//   STRIPE_LOCAL_PORT            port (default 4035)
//   STRIPE_LOCAL_WEBHOOK_URL     e.g. http://127.0.0.1:3000/api/webhooks/stripe
//   STRIPE_LOCAL_WEBHOOK_SECRET  the signing secret (default whsec_test_local)
import { startStripeServer } from "../tests/support/stripe-server";

async function main() {
  const port = Number(process.env.STRIPE_LOCAL_PORT ?? 4035);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`STRIPE_LOCAL_PORT=${process.env.STRIPE_LOCAL_PORT}: expected a port number`);
    process.exit(2);
  }
  const server = await startStripeServer({
    port,
    webhookUrl: process.env.STRIPE_LOCAL_WEBHOOK_URL,
    webhookSecret: process.env.STRIPE_LOCAL_WEBHOOK_SECRET ?? "whsec_test_local",
  });
  console.log(`[stripe-local] Stripe API stand-in at ${server.url}; webhooks to ${server.webhookUrl ?? "(none)"}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
