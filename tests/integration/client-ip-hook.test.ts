// The Node HTTP server hook (lib/context/http-request-hook.ts) on a real socket: the client
// address is the socket's, whatever headers the client forges, so rotating X-Forwarded-For
// does not escape the per-IP limit and the audit trail stores the real address; with
// TRUSTED_PROXIES the proxy's entry is believed. And the request record made from the
// 'request' event reaches the handler and the access log.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
process.env.DEV_MAILBOX = "1";
process.env.APP_URL = "http://civitas.test";
delete process.env.SMTP_URL;
delete process.env.TRUSTED_PROXIES;

import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { recordAudit } from "@/lib/audit/record";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { resetConfigForTests } from "@/lib/config";
import { installHttpRequestHook } from "@/lib/context/http-request-hook";
import { runWithLogContext } from "@/lib/context/request-context";
import { requestMetaFrom } from "@/lib/context/request-meta";
import { currentRequestRecord } from "@/lib/context/request-record";
import { getDatabase, getDb } from "@/lib/db";
import { flushEmails } from "@/lib/email";
import { logger } from "@/lib/log/logger";
import { RESET_IP_LIMIT } from "@/lib/rate-limit/account-policy";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { getRateLimiter, type RateLimitOptions, type RateLimitStore } from "@/lib/rate-limit";

const run = randomUUID().slice(0, 8);

type Reply = { ip?: string; auditIp?: string | null; recordId?: string; result?: unknown };
let server: http.Server;
let base: string;
let tenantId: string;

function headersOf(req: http.IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") h.set(k, v);
  return h;
}

/**
 * The app's own store, with this run's keys apart: reruns on one database and the e2e server
 * (same socket address, 127.0.0.1) never share these counters. The key still comes from the
 * address clientIpFrom decided, which is what is under test.
 */
let limiter: RateLimitStore;

beforeAll(async () => {
  installHttpRequestHook();
  const store = await getRateLimiter();
  limiter = Object.assign(Object.create(store) as RateLimitStore, {
    consume: (key: string, o: RateLimitOptions) => store.consume(`test:${run}:${key}`, o),
  });
  const db = await getDb();
  tenantId = (await db.tenant.create({ data: { slug: `ip-${run}`, name: "Client IP probe" } })).id;
  server = http.createServer((req, res) => {
    const headers = headersOf(req);
    const meta = requestMetaFrom(headers);
    void runWithLogContext(meta, async () => {
      const reply: Reply = { ip: clientIpFrom(headers), recordId: currentRequestRecord()?.requestId };
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/reset") {
        reply.result = await requestPasswordReset(url.searchParams.get("email")!, clientIpFrom(headers), {
          minDurationMs: 0,
          limiter,
        });
      } else if (url.pathname === "/audit") {
        const action = `probe.${randomUUID()}`;
        const tdb = (await getDb()).forTenant({ tenantId });
        await tdb.$tenantTransaction((tx) => recordAudit(tx, { tenantId, action }));
        const rows = await tdb.$tenantTransaction(
          (tx) => tx.$queryRaw<Array<{ ip: string | null }>>`SELECT ip FROM audit_events WHERE action = ${action}`,
        );
        reply.auditIp = rows[0]?.ip;
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await flushEmails();
  await (await getDatabase()).close();
});

const FORGED = (i: number) => ({
  "x-forwarded-for": `198.51.100.${i % 250}, 203.0.113.${i % 250}`,
  "x-real-ip": `192.0.2.${i % 250}`,
  "x-civitas-peer-address": `10.9.9.${i % 250}`,
});

async function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ reply: Reply; requestId: string | null }> {
  const res = await fetch(`${base}${path}`, { headers });
  return { reply: (await res.json()) as Reply, requestId: res.headers.get("x-request-id") };
}

test("without TRUSTED_PROXIES the address is the socket's, however the headers are forged", async () => {
  for (let i = 0; i < 3; i++) expect((await get("/", FORGED(i))).reply.ip).toBe("127.0.0.1");
});

test("rotating X-Forwarded-For does not escape the per-IP limit", async () => {
  const results: Array<{ ok: boolean; reason?: string }> = [];
  for (let i = 0; i <= RESET_IP_LIMIT.limit; i++) {
    const email = `rotate-${run}-${i}@ip.test`;
    results.push((await get(`/reset?email=${encodeURIComponent(email)}`, FORGED(i))).reply.result as { ok: boolean });
  }
  expect(results.slice(0, RESET_IP_LIMIT.limit).every((r) => r.ok)).toBe(true);
  expect(results[RESET_IP_LIMIT.limit]).toMatchObject({ ok: false, reason: "rate_limited" });
});

test("audit events store the real address, not a forged one", async () => {
  expect((await get("/audit", FORGED(7))).reply.auditIp).toBe("127.0.0.1");
});

test("with TRUSTED_PROXIES=1 the entry the proxy appended is the client", async () => {
  process.env.TRUSTED_PROXIES = "1";
  resetConfigForTests();
  try {
    expect((await get("/", { "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).reply.ip).toBe("203.0.113.9");
    expect((await get("/audit", { "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).reply.auditIp).toBe("203.0.113.9");
  } finally {
    delete process.env.TRUSTED_PROXIES;
    resetConfigForTests();
  }
});

test("the request record opened on the 'request' event reaches the handler and the access line", async () => {
  const info = jest.spyOn(logger, "info");
  try {
    // A path no app route matches, with or without a build's route manifest.
    const { reply, requestId } = await get("/no/such/route/here?token=secret", { "x-request-id": `caller-${run}` });
    expect(reply.recordId).toBe(`caller-${run}`);
    expect(requestId).toBeNull(); // the header is the handler's to echo; the id still reached it
    const generated = await get("/", { "x-request-id": "bad id!" });
    expect(generated.reply.recordId).toMatch(/^[0-9a-f-]{36}$/);
    const accessLine = () =>
      info.mock.calls
        .map(([o]) => o as Record<string, unknown>)
        .find((o) => o.event === "http.access" && o.request_id === `caller-${run}`);
    // Written when the response closes, which may be just after the client has read it.
    for (let i = 0; i < 100 && !accessLine(); i++) await new Promise((r) => setTimeout(r, 20));
    const line = accessLine();
    expect(line).toMatchObject({
      method: "GET",
      route: "(unmatched)",
      kind: "page",
      status: 200,
      bytes: expect.any(Number),
      duration_ms: expect.any(Number),
    });
    expect(JSON.stringify(line)).not.toContain("secret");
  } finally {
    info.mockRestore();
  }
});
