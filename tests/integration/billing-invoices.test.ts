// The billing page's invoices: read from Stripe for the tenant's own customer only (another
// organisation's invoices never show), newest first, drafts left out; no customer or no
// invoices is "none", Stripe unreachable is "unavailable" (the page still renders), and without
// Stripe keys "not configured".
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { InvoicesCard } from "@/components/billing/invoices-card";
import { listInvoices } from "@/lib/billing/list-invoices";
import { resetConfigForTests } from "@/lib/config";
import { getDatabase, getDb } from "@/lib/db";
import { billingTenant, withStripeServer } from "../support/stripe-billing";

const stripeEnv = withStripeServer();
afterAll(async () => {
  await (await getDatabase()).close?.();
});

const ctxOf = (tenantId: string) => ({ tenantId, requestId: `req-${randomUUID()}` });
const now = () => Math.floor(Date.now() / 1000);

function invoice(customer: string, status: string, created: number, amount = 4900) {
  const { server } = stripeEnv();
  return server.put({
    id: `in_${randomUUID().slice(0, 12)}`,
    object: "invoice",
    customer,
    status,
    created,
    amount_paid: status === "paid" ? amount : 0,
    amount_due: amount,
    currency: "eur",
    number: `CIV-${created}`,
    hosted_invoice_url: `https://invoice.stripe.test/${created}`,
  });
}

test("the tenant's own invoices, newest first, without drafts; another tenant's never", async () => {
  const { stripe } = stripeEnv();
  const a = await billingTenant(stripe);
  const b = await billingTenant(stripe);
  invoice(a.customerId, "paid", now() - 86_400 * 31);
  invoice(a.customerId, "open", now(), 1000);
  invoice(a.customerId, "draft", now() + 5);
  invoice(b.customerId, "paid", now(), 99_900);
  const list = await listInvoices(ctxOf(a.tenantId));
  expect(list.state).toBe("ok");
  if (list.state !== "ok") return;
  expect(list.invoices.map((i) => [i.status, i.amount])).toEqual([
    ["open", 1000],
    ["paid", 4900],
  ]);
  const html = renderToStaticMarkup(createElement(InvoicesCard, { list, format: { locale: "en", timeZone: "UTC" } }));
  expect(html).toContain("€49.00");
  expect(html).toContain(">Due<");
  expect(html).toContain("(opens Stripe in a new tab)");
  expect(html).not.toContain("€999.00");
});

test("no customer or no invoices: none; Stripe unreachable: unavailable; no keys: not configured", async () => {
  const { server, stripe } = stripeEnv();
  const db = await getDb();
  const plain = await db.tenant.create({ data: { slug: `inv-${randomUUID().slice(0, 10)}`, name: "No customer" } });
  expect(await listInvoices(ctxOf(plain.id))).toEqual({ state: "none" });
  const t = await billingTenant(stripe);
  expect(await listInvoices(ctxOf(t.tenantId))).toEqual({ state: "none" });
  invoice(t.customerId, "paid", now());
  server.failNext("/v1/invoices", 3);
  const down = await listInvoices(ctxOf(t.tenantId));
  expect(down).toEqual({ state: "unavailable" });
  expect(
    renderToStaticMarkup(createElement(InvoicesCard, { list: down, format: { locale: "en", timeZone: "UTC" } })),
  ).toContain("could not be loaded from Stripe");
  expect((await listInvoices(ctxOf(t.tenantId))).state).toBe("ok");
  const key = process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_SECRET_KEY;
  resetConfigForTests();
  try {
    expect(await listInvoices(ctxOf(t.tenantId))).toEqual({ state: "not_configured" });
  } finally {
    process.env.STRIPE_SECRET_KEY = key;
    resetConfigForTests();
  }
});
