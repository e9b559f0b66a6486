// The local Stripe server through the official SDK (pointed at it by host/port/protocol, as
// lib/billing/stripe-client.ts does): the calls billing makes, Stripe's idempotency semantics,
// and a paid checkout producing the objects and events the webhook re-reads.
import Stripe from "stripe";
import { createStripe } from "@/lib/billing/stripe-client";
import { parseStripeForm, startStripeServer, type StripeServer } from "../support/stripe-server";

let server: StripeServer;
let stripe: Stripe;
beforeAll(async () => {
  server = await startStripeServer();
  stripe = createStripe({ secretKey: "sk_test_local", apiBase: server.url });
});
afterAll(() => server.close());

describe("local Stripe server", () => {
  test("parses bracket notation", () => {
    expect(parseStripeForm("metadata[tenant_id]=t1&line_items[0][price_data][unit_amount]=4900&mode=payment")).toEqual({
      metadata: { tenant_id: "t1" },
      line_items: { "0": { price_data: { unit_amount: "4900" } } },
      mode: "payment",
    });
  });

  test("one Idempotency-Key creates one customer; the same key with other parameters is refused", async () => {
    const a = await stripe.customers.create({ name: "A", metadata: { tenant_id: "t1" } }, { idempotencyKey: "k-1" });
    const b = await stripe.customers.create({ name: "A", metadata: { tenant_id: "t1" } }, { idempotencyKey: "k-1" });
    expect(b.id).toBe(a.id);
    expect(a.metadata).toEqual({ tenant_id: "t1" });
    await expect(stripe.customers.create({ name: "B" }, { idempotencyKey: "k-1" })).rejects.toMatchObject({
      type: "StripeIdempotencyError",
    });
    const sent = server.requests.filter((r) => r.path === "/v1/customers");
    expect(sent.map((r) => r.idempotencyKey)).toEqual(["k-1", "k-1", "k-1"]);
    expect(sent[0]?.authorization).toBe("Bearer sk_test_local");
    // Without our own key, the SDK still sends its per-call retry key.
    await stripe.customers.create({ name: "C" });
    expect(server.requests.at(-1)?.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });

  test("a paid subscription checkout makes a subscription and a paid invoice that can be retrieved", async () => {
    const customer = await stripe.customers.create({ name: "T" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      success_url: "http://app/ok?s={CHECKOUT_SESSION_ID}",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "eur",
            unit_amount: 4900,
            recurring: { interval: "month" },
            product_data: { name: "Pro" },
          },
        },
      ],
      subscription_data: { metadata: { plan: "PRO", tenant_id: "t1" } },
    });
    expect(session.url).toBe(`${server.url}/pay/${session.id}`);
    const events = server.complete(session.id);
    expect(events.map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
    ]);
    const sub = await stripe.subscriptions.retrieve(
      String((await stripe.checkout.sessions.retrieve(session.id)).subscription),
    );
    expect([sub.status, sub.metadata.plan]).toEqual(["active", "PRO"]);
    const invoice = await stripe.invoices.retrieve(events[2]!.data.object.id);
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(server.complete(session.id)).toEqual([]);
  });

  test("a missing object is Stripe's resource_missing; a missing key is a 401", async () => {
    await expect(stripe.charges.retrieve("ch_nope")).rejects.toMatchObject({
      code: "resource_missing",
      statusCode: 404,
    });
    const res = await fetch(`${server.url}/v1/customers/cus_x`);
    expect(res.status).toBe(401);
  });

  test("a portal session returns a URL", async () => {
    const customer = await stripe.customers.create({ name: "P" });
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://app/back" });
    expect(portal.url).toContain("/portal?return=");
  });
});

test("the portal stand-in links back to the return URL only when it is http(s)", async () => {
  const ok = await (await fetch(`${server.url}/portal?return=${encodeURIComponent("http://app/back")}`)).text();
  expect(ok).toContain('href="http://app/back"');
  const js = await (await fetch(`${server.url}/portal?return=${encodeURIComponent("javascript:alert(1)")}`)).text();
  expect(js).toContain('href="/"');
});
