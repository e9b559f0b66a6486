// A local HTTP server that answers the Stripe API calls Civitas makes, for the billing tests, the
// e2e run and local development (STRIPE_API_BASE). The official SDK reaches it by
// host/port/protocol (lib/billing/stripe-client.ts), so the production code path is the same.
//
//   POST /v1/customers, GET/DELETE /v1/customers/:id
//   POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id
//   POST /v1/billing_portal/sessions
//   GET  /v1/subscriptions/:id, /v1/invoices/:id, /v1/charges/:id
//   GET  /v1/subscriptions?customer=…&status=all, /v1/invoices?customer=…&status=paid (lists,
//        newest first: what the admin re-sync reads)
//   GET  /portal        a stand-in for the Customer Portal with a link back to return_url
//   GET  /pay/:session  a stand-in for Stripe's hosted Checkout page; POST /pay/:session pays:
//        the session completes (a subscription + paid invoice, or a paid charge), the signed
//        webhooks go to `webhookUrl` and the browser is sent to the session's success_url.
//
// Like Stripe, a repeated Idempotency-Key answers with the first response (and a different
// body under the same key is a 400); every request is recorded with its headers, so tests
// assert the keys the code sent. Bodies are form-encoded with bracket notation.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export type StripeRequest = {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: Record<string, unknown>;
};

type Obj = Record<string, unknown> & { id: string };

export type StripeEvent = { id: string; object: "event"; type: string; created: number; data: { object: Obj } };

export type StripeServer = {
  url: string;
  port: number;
  readonly requests: StripeRequest[];
  /** Every object by id (customers, sessions, subscriptions, invoices, charges). */
  readonly objects: Map<string, Obj>;
  /** Stores (or replaces) an object, as if Stripe had changed it. */
  put<T extends Obj>(object: T): T;
  /** Pays a checkout session; returns the events Stripe would send, in order. */
  complete(sessionId: string): StripeEvent[];
  event(type: string, object: Obj, created?: number): StripeEvent;
  /** The next `times` API requests whose path starts with `pathPrefix` answer 500 (a Stripe outage). */
  failNext(pathPrefix: string, times?: number): void;
  /** Where POST /pay delivers the signed events (set by e2e); undefined: not delivered. */
  webhookUrl: string | undefined;
  webhookSecret: string;
  close(): Promise<void>;
};

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

/** `a[b][0]=x&c=y` → `{ a: { b: { "0": "x" } }, c: "y" }`. */
export function parseStripeForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": newId("req") });
  res.end(JSON.stringify(body));
}

const notFound = (res: ServerResponse, id: string) =>
  send(res, 404, {
    error: { type: "invalid_request_error", code: "resource_missing", message: `No such object: '${id}'` },
  });

export async function startStripeServer(
  options: { port?: number; webhookSecret?: string; webhookUrl?: string } = {},
): Promise<StripeServer> {
  const requests: StripeRequest[] = [];
  const objects = new Map<string, Obj>();
  const failures: Array<{ prefix: string; left: number }> = [];
  const idempotent = new Map<string, { raw: string; status: number; body: unknown }>();
  let origin = "";
  // eslint-disable-next-line prefer-const -- assigned once the server listens; deliver reads it live
  let self: StripeServer | undefined;

  const put = <T extends Obj>(object: T): T => {
    objects.set(object.id, object);
    return object;
  };
  const event = (type: string, object: Obj, created = now()): StripeEvent => ({
    id: newId("evt"),
    object: "event",
    type,
    created,
    data: { object: structuredClone(object) },
  });

  function complete(sessionId: string): StripeEvent[] {
    const session = objects.get(sessionId);
    if (!session || session.object !== "checkout.session") throw new Error(`no session ${sessionId}`);
    if (session.status === "complete") return [];
    const customer = session.customer as string;
    const events: StripeEvent[] = [];
    const amount = Number(
      ((session.line_items as Record<string, Record<string, Record<string, string>>>)?.["0"]?.price_data
        ?.unit_amount as string | undefined) ?? 0,
    );
    if (session.mode === "subscription") {
      const meta = ((session.subscription_data as Record<string, unknown> | undefined)?.metadata ?? {}) as Record<
        string,
        string
      >;
      const start = now();
      const end = start + 30 * 86_400;
      const sub = put({
        id: newId("sub"),
        object: "subscription",
        customer,
        status: "active",
        metadata: meta,
        created: start,
        cancel_at_period_end: false,
        items: { object: "list", data: [{ id: newId("si"), current_period_start: start, current_period_end: end }] },
      });
      const invoice = put({
        id: newId("in"),
        object: "invoice",
        customer,
        status: "paid",
        created: start,
        amount_paid: amount,
        parent: { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: meta } },
        lines: { object: "list", data: [{ id: newId("il"), period: { start, end } }] },
      });
      Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id, invoice: invoice.id });
      events.push(event("checkout.session.completed", session));
      events.push(event("customer.subscription.created", sub));
      events.push(event("invoice.paid", invoice));
    } else {
      const paymentIntent = newId("pi");
      const charge = put({
        id: newId("ch"),
        object: "charge",
        customer,
        amount,
        amount_refunded: 0,
        refunded: false,
        payment_intent: paymentIntent,
        created: now(),
      });
      put({
        id: paymentIntent,
        object: "payment_intent",
        customer,
        amount,
        status: "succeeded",
        latest_charge: charge.id,
      });
      Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: paymentIntent });
      events.push(event("checkout.session.completed", session));
    }
    return events;
  }

  async function deliver(events: StripeEvent[]): Promise<void> {
    if (!self?.webhookUrl) return;
    const { webhookUrl, webhookSecret } = self;
    for (const e of events) {
      const payload = JSON.stringify(e);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        body: payload,
      });
    }
  }

  function list(kind: string, query: URLSearchParams): [number, unknown] {
    const customer = query.get("customer");
    const status = query.get("status");
    const data = [...objects.values()]
      .filter((o) => o.object === kind && (!customer || o.customer === customer))
      .filter((o) => !status || status === "all" || o.status === status)
      .sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0))
      .slice(0, Number(query.get("limit") ?? 10));
    return [200, { object: "list", data, has_more: false, url: `/v1/${kind}s` }];
  }

  function api(
    method: string,
    path: string,
    body: Record<string, unknown>,
    query = new URLSearchParams(),
  ): [number, unknown] {
    const seg = path.split("/").filter(Boolean); // ["v1", resource, id?]
    const resource = seg.slice(1, seg.length > 2 && seg[1] !== "checkout" && seg[1] !== "billing_portal" ? 2 : 3);
    const name = resource.join("/");
    const id = seg[resource.length + 1];
    if (method === "GET" && !id && (name === "subscriptions" || name === "invoices"))
      return list(name === "subscriptions" ? "subscription" : "invoice", query);
    if (method === "POST" && !id && name === "customers")
      return [200, put({ id: newId("cus"), object: "customer", created: now(), metadata: {}, ...body })];
    if (method === "POST" && !id && name === "checkout/sessions") {
      if (!body.customer || !body.success_url || !body.mode)
        return [
          400,
          { error: { type: "invalid_request_error", message: "customer, mode and success_url are required" } },
        ];
      const sid = newId("cs");
      return [
        200,
        put({
          id: sid,
          object: "checkout.session",
          status: "open",
          payment_status: "unpaid",
          url: `${origin}/pay/${sid}`,
          created: now(),
          ...body,
        }),
      ];
    }
    if (method === "POST" && !id && name === "billing_portal/sessions")
      return [
        200,
        {
          id: newId("bps"),
          object: "billing_portal.session",
          url: `${origin}/portal?return=${encodeURIComponent(String(body.return_url))}`,
          ...body,
        },
      ];
    if (id && (method === "GET" || method === "DELETE")) {
      const o = objects.get(id);
      if (!o) return [404, null];
      if (method === "DELETE") {
        objects.set(id, { id, object: o.object, deleted: true });
        return [200, objects.get(id)];
      }
      return [200, o];
    }
    return [404, null];
  }

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", origin);
    const key = req.headers["idempotency-key"] as string | undefined;
    const body = parseStripeForm(raw);
    if (url.pathname.startsWith("/v1/"))
      requests.push({
        method: req.method ?? "GET",
        path: url.pathname,
        idempotencyKey: key,
        authorization: req.headers.authorization,
        body,
      });
    const payId = /^\/pay\/([A-Za-z0-9_]+)$/.exec(url.pathname)?.[1];
    if (payId) {
      const session = objects.get(payId);
      if (!session) return notFound(res, payId);
      if (req.method === "POST") {
        await deliver(complete(payId));
        res.writeHead(303, { location: String(session.success_url).replace("{CHECKOUT_SESSION_ID}", session.id) });
        return res.end();
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        `<!doctype html><title>Test checkout</title><main><h1>Test checkout</h1><p>${session.mode === "subscription" ? "Subscription" : "One-off payment"}</p>` +
          `<form method="post"><button type="submit">Pay</button></form><a href="${String(session.cancel_url ?? "/")}">Cancel</a></main>`,
      );
    }
    if (url.pathname === "/portal") {
      // A stand-in for the Customer Portal: nothing to change here, only the way back.
      const back = url.searchParams.get("return") ?? "/";
      const safe = /^https?:\/\//.test(back) ? back.replace(/"/g, "%22") : "/";
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        `<!doctype html><title>Test customer portal</title><main><h1>Test customer portal</h1><a href="${safe}">Return to Civitas</a></main>`,
      );
    }
    if (!url.pathname.startsWith("/v1/")) return notFound(res, url.pathname);
    const failure = failures.find((f) => f.left > 0 && url.pathname.startsWith(f.prefix));
    if (failure) {
      failure.left--;
      return send(res, 500, { error: { type: "api_error", message: "Injected failure" } });
    }
    if (!req.headers.authorization?.startsWith("Bearer "))
      return send(res, 401, { error: { type: "invalid_request_error", message: "No API key provided" } });
    if (key && req.method === "POST") {
      const seen = idempotent.get(key);
      if (seen)
        return seen.raw === raw
          ? send(res, seen.status, seen.body)
          : send(res, 400, {
              error: {
                type: "idempotency_error",
                message: "Keys for idempotent requests can only be used with the same parameters",
              },
            });
    }
    const [status, answer] = api(req.method ?? "GET", url.pathname, body, url.searchParams);
    if (status === 404 && answer === null) return notFound(res, url.pathname);
    if (key && req.method === "POST") idempotent.set(key, { raw, status, body: answer });
    send(res, status, answer);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  self = {
    url: origin,
    port,
    requests,
    objects,
    put,
    complete,
    event,
    failNext: (prefix, times = 1) => void failures.push({ prefix, left: times }),
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret ?? "whsec_test_local",
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return self;
}
