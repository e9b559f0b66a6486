// Stripe's only way into Civitas. The signature is checked on the raw body (the exact bytes,
// never a re-serialised JSON; Stripe's events stay far below 1 MB). 2xx means the event is
// stored and queued (the job queue applies it) or was before, so Stripe stops retrying; any
// error is a 4xx/5xx and Stripe delivers again later.
import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/auth/guard";
import { receiveStripeWebhook } from "@/lib/billing/webhook/receive-stripe-webhook";
import { readRawTextBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async (req) => {
  const result = await receiveStripeWebhook(
    await readRawTextBody(req, 1024 * 1024),
    req.headers.get("stripe-signature"),
  );
  return NextResponse.json({ received: true, ...result });
});
