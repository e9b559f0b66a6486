// The streamed case summary end to end through its business function and the real SDK, against
// the local Anthropic wire server: credits reserved before the call and settled to the tokens
// used, a cancelled stream charged for what was produced only, a persisting 529 retried then
// refunded in full, no credits → 402 with the billing link, and the summary stored only when the
// answer is complete. The balance always equals the ledger's sum.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { readCaseSummary } from "@/lib/ai/features/case-summary/read-case-summary";
import { streamCaseSummary } from "@/lib/ai/features/case-summary/stream-case-summary";
import { CHARGE_URL_HEADER, decodeAiFrames, type AiStreamFrame } from "@/lib/ai/stream/protocol";
import type { GuardedContext } from "@/lib/auth/guard";
import { grantCredits, readCreditBalance } from "@/lib/credits";
import { readReservationCharge } from "@/lib/credits/read-reservation-charge";
import { getDatabase, getDb } from "@/lib/db";
import { withAnthropicServer } from "../support/anthropic-env";
import { inRequestContext } from "../support/request-context";

const wire = withAnthropicServer();

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function world(credits: number) {
  const db = await getDb();
  const slug = `sum-${randomUUID().slice(0, 10)}`;
  const tenant = await db.tenant.create({ data: { slug, name: "Summary Org", plan: "PRO" } });
  const user = await db.user.create({
    data: { email: `owner-${randomUUID().slice(0, 8)}@sum.test`, name: "Owner", emailVerifiedAt: new Date() },
  });
  await db.forTenant({ tenantId: tenant.id }).membership.create({
    data: { tenantId: tenant.id, userId: user.id, role: "OWNER" },
  });
  const ctx = {
    tenantId: tenant.id,
    userId: user.id,
    role: "OWNER",
    requestId: `test-${randomUUID()}`,
    access: { tenant: { id: tenant.id, slug, name: tenant.name } },
  } as unknown as GuardedContext;
  if (credits > 0)
    await inRequestContext(ctx, () => grantCredits({ tenantId: tenant.id, credits, kind: "grant", reason: "test" }));
  const kase = await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const citizen = await tx.citizen.create({
      data: { tenantId: tenant.id, firstName: "Ana", lastName: "Probe", city: "Riverside" },
    });
    return tx.case.create({ data: { tenantId: tenant.id, citizenId: citizen.id, title: "Leaking roof" } });
  });
  return { ctx, kase, slug };
}

async function ledgerSum(tenantId: string): Promise<bigint> {
  const rows = await (
    await getDb()
  )
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) => tx.$queryRaw<{ sum: bigint }[]>`SELECT COALESCE(SUM(delta), 0)::bigint AS sum FROM credit_ledger`,
    );
  return rows[0]!.sum;
}

async function readAll(res: Response): Promise<AiStreamFrame[]> {
  const text = await res.text();
  return decodeAiFrames(text).frames;
}

/** Polls until the tenant has no open reservation (settle on cancel runs after the client left). */
async function settled(tenantId: string) {
  const db = await getDb();
  for (let i = 0; i < 100; i++) {
    const open = await db.forTenant({ tenantId }).creditReservation.count({ where: { status: "open" } });
    if (open === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("reservation still open");
}

it("streams, settles to the tokens used and stores the cited summary", async () => {
  const { ctx, kase } = await world(1000);
  wire().script({ kind: "text", chunks: ["The roof ", "leaks. [ref:case]"], usage: { input: 400, output: 20 } });
  const res = await inRequestContext(ctx, () => streamCaseSummary(ctx, { caseId: kase.id }));
  const frames = await readAll(res);
  expect(
    frames
      .filter((f) => f.event === "text")
      .map((f) => (f.data as { text: string }).text)
      .join(""),
  ).toBe("The roof leaks. [ref:case]");
  const done = frames.at(-1)!;
  expect(done.event).toBe("done");
  const { creditsUsed, balance } = done.data as { creditsUsed: number; balance: number };
  // 400 × $1/M + 20 × $5/M = $0.0005 × PRO 0.9 × region → 1 credit (rounded up), far below the hold.
  expect(creditsUsed).toBe(1);
  expect(balance).toBe(999);
  expect((await readCreditBalance(ctx)).balance).toBe(999n);
  expect(await ledgerSum(ctx.tenantId)).toBe(999n);
  const stored = await readCaseSummary(ctx, kase.id);
  expect(stored?.sentences).toEqual([expect.objectContaining({ refs: ["case"], uncited: false })]);
  // What the model saw: the case, never the citizen's name.
  expect(wire().received("Ana")).toBe(false);
  expect(wire().received("Leaking roof")).toBe(true);
});

it("a cancelled stream aborts upstream, is charged for the produced tokens only and stores nothing", async () => {
  const { ctx, kase } = await world(1000);
  const chunks = Array.from({ length: 200 }, (_, i) => `word${i} `);
  wire().script({ kind: "text", chunks, delayMs: 20, usage: { input: 400, output: 2000 } });
  const res = await inRequestContext(ctx, () => streamCaseSummary(ctx, { caseId: kase.id }));
  const reader = res.body!.getReader();
  await reader.read(); // the first text frame
  await reader.cancel();
  const closedAt = await wire().requests.at(-1)!.clientClosed;
  expect(closedAt).toEqual(expect.any(Number));
  await settled(ctx.tenantId);
  const { balance } = await readCreditBalance(ctx);
  // Charged: 400 input + a few estimated output tokens → 1 credit; the 2,000 output tokens the
  // model would have sent were never produced.
  expect(1000n - balance).toBe(1n);
  expect(await ledgerSum(ctx.tenantId)).toBe(balance);
  expect(await readCaseSummary(ctx, kase.id)).toBeNull();

  // The response said where the cancelled call's charge can be read: by its user only.
  const url = res.headers.get(CHARGE_URL_HEADER)!;
  const reservationId = url.split("/").at(-1)!;
  expect(url).toBe(`/api/tenants/${ctx.access.tenant.slug}/credits/charges/${reservationId}`);
  await expect(inRequestContext(ctx, () => readReservationCharge(ctx, reservationId))).resolves.toEqual({
    status: "settled",
    creditsUsed: 1,
    balance: 999,
  });
  const colleague = { ...ctx, userId: randomUUID() };
  await expect(
    inRequestContext(colleague, () => readReservationCharge(colleague, reservationId)),
  ).rejects.toMatchObject({ status: 404 });
  const other = await world(10);
  await expect(
    inRequestContext(other.ctx, () => readReservationCharge({ ...other.ctx, userId: ctx.userId }, reservationId)),
  ).rejects.toMatchObject({ status: 404 });
  await expect(inRequestContext(ctx, () => readReservationCharge(ctx, "not-a-uuid"))).rejects.toMatchObject({
    status: 404,
  });
});

it("a persisting 529 is retried, then shown as an error and refunded in full", async () => {
  const { ctx, kase } = await world(1000);
  const overloaded = { kind: "error" as const, status: 529 as const, retryAfterMs: 1 };
  wire().script(overloaded, overloaded, overloaded, overloaded);
  const res = await inRequestContext(ctx, () => streamCaseSummary(ctx, { caseId: kase.id }));
  const frames = await readAll(res);
  expect(frames.at(-1)).toMatchObject({ event: "error", data: { creditsUsed: 0, balance: 1000 } });
  expect(wire().requests.length).toBe(4); // the first try and AI_MAX_RETRIES=3
  expect((await readCreditBalance(ctx)).balance).toBe(1000n);
  expect(await ledgerSum(ctx.tenantId)).toBe(1000n);
});

it("without credits: 402 with the billing link, and the provider is never called", async () => {
  const { ctx, kase, slug } = await world(0);
  await expect(inRequestContext(ctx, () => streamCaseSummary(ctx, { caseId: kase.id }))).rejects.toMatchObject({
    status: 402,
    details: { billingUrl: `/${slug}/settings/billing` },
  });
  expect(wire().requests.length).toBe(0);
});

it("another tenant's case: 404 before any credit is reserved", async () => {
  const { ctx } = await world(1000);
  const other = await world(1000);
  await expect(inRequestContext(ctx, () => streamCaseSummary(ctx, { caseId: other.kase.id }))).rejects.toMatchObject({
    status: 404,
  });
  expect((await readCreditBalance(ctx)).balance).toBe(1000n);
  expect(wire().requests.length).toBe(0);
});
