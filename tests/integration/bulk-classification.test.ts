// Bulk classification (issue #10 item 3) through the real SDK against the local Anthropic wire
// server's Message Batches: the selected cases go out as ONE batch (the forced classify_case
// tool, the case's text only), progress arrives as tenant events, results are stored or applied
// (audited, undone as one operation), credits are reserved for the whole batch at the batch
// price and settled to the batch price of the tokens, usage rows are written in one insert;
// errored results are listed and a retry sends only those; another tenant's ids are refused;
// a hostile note cannot make anything outside the schema apply. The jobs' handlers are called
// as the worker calls them (runAsSystem("job")), so each step is observed in order.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-bulk" }) }));

import { NextRequest } from "next/server";
import { GET as runRoute } from "@/app/api/tenants/[tenant]/classification-runs/[runId]/route";
import { collectClassificationBatch } from "@/lib/ai/features/bulk-classification/collect-classification-batch";
import {
  collectClassificationBatchJob,
  submitClassificationBatchJob,
} from "@/lib/ai/features/bulk-classification/jobs";
import { readClassificationRun } from "@/lib/ai/features/bulk-classification/read-classification-run";
import { retryClassificationRun } from "@/lib/ai/features/bulk-classification/retry-classification-run";
import { startBulkClassification } from "@/lib/ai/features/bulk-classification/start-bulk-classification";
import { submitClassificationBatch } from "@/lib/ai/features/bulk-classification/submit-classification-batch";
import { undoClassificationRun } from "@/lib/ai/features/bulk-classification/undo-classification-run";
import { startBulkClassificationSchema } from "@/lib/ai/features/bulk-classification/schemas";
import { runAsSystem } from "@/lib/context/request-context";
import { grantCredits, readCreditBalance } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getEventHub, closeEventHub } from "@/lib/events/process-hub";
import type { TenantEvent } from "@/lib/events/types";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/worker";
import { ceilCredits, costCredits, normalizeDecimal, parseDecimal } from "@/lib/usage/pricing";
import { withAnthropicServer } from "../support/anthropic-env";
import {
  auditRows,
  caseworkWorld,
  ledgerSum,
  NEVER_SENT,
  openReservations,
  signInAs,
  type CaseworkWorld,
} from "../support/casework-world";
import { PROMPT_INJECTION_NOTES } from "../support/prompt-injection-corpus";

const wire = withAnthropicServer();

beforeAll(async () => {
  const boss = await getBoss();
  for (const def of [submitClassificationBatchJob, collectClassificationBatchJob])
    await ensureQueue(boss, def as never);
}, 60_000);

afterAll(async () => {
  await closeEventHub();
  await stopBoss(2000);
  await (await getDatabase()).close?.();
});

type BatchBody = {
  requests: Array<{
    custom_id: string;
    params: { tools: Array<{ name: string }>; tool_choice: { name: string }; messages: Array<{ content: string }> };
  }>;
};

const TOPICS = [
  "Pothole near the school (roads)",
  "Overflowing waste bins",
  "Housing: leak in the roof",
  "Noise at night",
];

/** `n` cases of the world's citizen in one insert (creating 1,000 through createCase would take minutes). */
async function manyCases(world: CaseworkWorld, n: number): Promise<string[]> {
  const db = await getDb();
  const rows = Array.from({ length: n }, (_, i) => ({
    tenantId: world.tenant.id,
    citizenId: world.citizen.id,
    title: `${TOPICS[i % TOPICS.length]} #${i}`,
    description: i % 3 === 0 ? "It is still broken and unacceptable." : "",
  }));
  const created = await db.forTenant(world.ctx).case.createManyAndReturn({ data: rows, select: { id: true } });
  return created.map((c) => c.id);
}

const start = (world: CaseworkWorld, input: Record<string, unknown>) =>
  world.as(() => startBulkClassification(world.ctx, startBulkClassificationSchema.parse(input)));
const submit = (world: CaseworkWorld, runId: string) =>
  runAsSystem("job", () => submitClassificationBatch({ tenantId: world.tenant.id, runId }));
const collect = (world: CaseworkWorld, runId: string) =>
  runAsSystem("job", () => collectClassificationBatch({ tenantId: world.tenant.id, runId, look: 0 }));

const batchPosts = () =>
  wire().requests.filter((r) => r.method === "POST" && r.path === "/v1/messages/batches") as Array<{ body: BatchBody }>;

/** Σ of exact decimal costs, in units of 10^-12 credit (prices have at most a few decimals). */
const SCALE = 12;
function microUnits(decimal: string): bigint {
  const d = parseDecimal(decimal);
  return d.units * 10n ** BigInt(SCALE - d.scale);
}
const ceilUnits = (units: bigint) => (units + 10n ** BigInt(SCALE) - 1n) / 10n ** BigInt(SCALE);

async function usage(tenantId: string) {
  return (await getDb()).forTenant({ tenantId }).aiUsage.findMany({ where: { feature: "bulk_classification" } });
}

it("1,000 cases: one batch, progress events, results applied and undone, credits at the batch price", async () => {
  const world = await caseworkWorld({ credits: 100_000 });
  const ids = await manyCases(world, 1000);
  const events: TenantEvent[] = [];
  const stop = await (await getEventHub()).subscribe(world.tenant.id, (e) => events.push(e));

  const { runId, total } = await start(world, { scope: "selected", caseIds: ids, mode: "apply" });
  expect(total).toBe(1000);
  await submit(world, runId);
  // Reserved for the whole batch, held while it runs.
  const held = await readCreditBalance(world.ctx);
  expect(held.reserved).toBeGreaterThan(0n);
  await collect(world, runId);

  // One batch of 1,000 requests, each the forced tool over the case's own text, no PII.
  const posts = batchPosts();
  expect(posts).toHaveLength(1);
  const requests = posts[0]!.body.requests;
  expect(requests).toHaveLength(1000);
  expect(new Set(requests.map((r) => r.custom_id))).toEqual(new Set(ids));
  for (const r of requests.slice(0, 20)) {
    expect(r.params.tool_choice).toEqual({ type: "tool", name: "classify_case" });
    expect(r.params.tools.map((t) => t.name)).toEqual(["classify_case"]);
    expect(r.params.messages[0]!.content).toContain("<case_record>");
  }
  for (const pii of NEVER_SENT) expect(wire().received(pii)).toBe(false);
  expect(wire().received("Adalind")).toBe(false);

  // Progress: started, submitted, one per stored chunk of 200, completed.
  await new Promise((r) => setTimeout(r, 200));
  stop();
  const progress = events.filter((e) => e.type === "classification_run.progress" && e.ids[0] === runId);
  expect(progress.length).toBeGreaterThanOrEqual(1 + 1 + 5 + 1);

  const view = await readClassificationRun(world.ctx, runId);
  expect(view).toMatchObject({ status: "completed", total: 1000, done: 1000, batches: 1, failures: [] });
  expect(view.counts.applied + view.counts.succeeded).toBe(1000);
  expect(view.counts.applied).toBeGreaterThan(500);

  // Applied: the demo names the category the title mentions; each change audited.
  const db = await getDb();
  const roads = await db.forTenant(world.ctx).case.findUniqueOrThrow({ where: { id: ids[0]! } });
  expect(roads).toMatchObject({ category: "Roads", version: 2 });
  const audit = await auditRows(world.tenant.id);
  const updates = audit.filter((a) => a.action === "case.updated" && ids.includes(a.target_id ?? ""));
  expect(updates).toHaveLength(view.counts.applied);
  expect(audit.filter((a) => a.action === "ai.bulk_classification_completed")).toHaveLength(1);

  // Credits: one usage row per result, at the batch price; the hold settled to their total.
  const rows = await usage(world.tenant.id);
  expect(rows).toHaveLength(1000);
  let batchExact = 0n;
  let singleExact = 0n;
  let oneAtATime = 0n;
  for (const row of rows) {
    const tokens = { inputTokens: row.inputTokens, outputTokens: row.outputTokens };
    const price = {
      inputPerMtok: row.priceInputPerMtok.toString(),
      outputPerMtok: row.priceOutputPerMtok.toString(),
      cacheReadPerMtok: row.priceCacheReadPerMtok.toString(),
      cacheWritePerMtok: row.priceCacheWritePerMtok.toString(),
      tierMultiplier: row.tierMultiplier.toString(),
      regionMultiplier: row.regionMultiplier.toString(),
      batchDiscount: row.batchDiscount.toString(),
    };
    expect(row.batch).toBe(true);
    expect(normalizeDecimal(row.costCredits.toString())).toBe(costCredits(tokens, price, true));
    batchExact += microUnits(costCredits(tokens, price, true));
    singleExact += microUnits(costCredits(tokens, price, false));
    // What 1,000 separate calls would be charged: each rounded up on its own.
    oneAtATime += ceilCredits(tokens, price, false);
  }
  // The batch price is half the per-token price, and the batch is charged its exact total
  // rounded up once.
  expect(batchExact * 2n).toBe(singleExact);
  const expected = ceilUnits(batchExact);
  expect(expected * 2n).toBeLessThanOrEqual(ceilUnits(singleExact) + 1n);
  if (process.env.BULK_COST_REPORT)
    console.info({ cases: rows.length, batchCredits: expected, exactSingle: ceilUnits(singleExact), oneAtATime });
  expect(BigInt(view.creditsUsed)).toBe(expected);
  const after = await readCreditBalance(world.ctx);
  expect(after).toEqual({ balance: 100_000n - expected, reserved: 0n });
  expect(await ledgerSum(world.tenant.id)).toBe(after.balance);
  expect(await openReservations(world.tenant.id)).toBe(0);

  // Undo, as one operation: every applied case back as it was.
  const undone = await world.as(() => undoClassificationRun(world.ctx, { runId }));
  expect(undone).toEqual({ restored: view.counts.applied, keptChanged: 0 });
  const back = await db.forTenant(world.ctx).case.findUniqueOrThrow({ where: { id: ids[0]! } });
  expect(back).toMatchObject({ category: null, priority: "NORMAL", version: 3 });
  expect((await readClassificationRun(world.ctx, runId)).status).toBe("undone");
  await expect(world.as(() => undoClassificationRun(world.ctx, { runId }))).rejects.toThrow(/already undone/);
}, 240_000);

it("5% errored results are listed, and a retry sends only those", async () => {
  const world = await caseworkWorld({ credits: 10_000 });
  const ids = await manyCases(world, 100);
  // The first five requests of the batch fail at the provider.
  for (let i = 0; i < 5; i++) wire().script({ endpoint: "batch_request", kind: "error", status: 500 });
  const { runId } = await start(world, { scope: "selected", caseIds: ids });
  await submit(world, runId);
  await collect(world, runId);
  const first = await readClassificationRun(world.ctx, runId);
  expect(first).toMatchObject({ status: "completed", done: 100 });
  expect(first.counts).toMatchObject({ succeeded: 95, errored: 5 });
  expect(first.failures).toHaveLength(5);
  const failedIds = first.failures.map((f) => f.caseId).sort();
  expect(failedIds).toEqual(
    batchPosts()[0]!
      .body.requests.slice(0, 5)
      .map((r) => r.custom_id)
      .sort(),
  );
  // Errored requests cost nothing: 95 usage rows.
  expect(await usage(world.tenant.id)).toHaveLength(95);

  const retried = await world.as(() => retryClassificationRun(world.ctx, { runId }));
  expect(retried).toEqual({ runId, retried: 5 });
  await submit(world, runId);
  await collect(world, runId);
  const second = batchPosts()[1]!
    .body.requests.map((r) => r.custom_id)
    .sort();
  expect(second).toEqual(failedIds);
  const done = await readClassificationRun(world.ctx, runId);
  expect(done).toMatchObject({ status: "completed", batches: 2, failures: [] });
  expect(done.counts).toMatchObject({ succeeded: 100, errored: 0 });
  expect(await usage(world.tenant.id)).toHaveLength(100);
  expect(await openReservations(world.tenant.id)).toBe(0);
  expect((await readCreditBalance(world.ctx)).balance).toBe(10_000n - BigInt(done.creditsUsed));
  // Nothing left to retry.
  await expect(world.as(() => retryClassificationRun(world.ctx, { runId }))).rejects.toThrow(/Nothing to retry/);
}, 120_000);

it("another tenant's case and run ids are refused, and nothing is written", async () => {
  const a = await caseworkWorld();
  const b = await caseworkWorld();
  const mine = await manyCases(a, 2);
  await expect(start(a, { scope: "selected", caseIds: [...mine, b.kase.id] })).rejects.toBeInstanceOf(NotFoundError);
  const db = await getDb();
  expect(await db.forTenant(a.ctx).classificationRun.count()).toBe(0);

  const { runId } = await start(b, { scope: "selected", caseIds: [b.kase.id] });
  await expect(a.as(() => retryClassificationRun(a.ctx, { runId }))).rejects.toBeInstanceOf(NotFoundError);
  await expect(a.as(() => undoClassificationRun(a.ctx, { runId }))).rejects.toBeInstanceOf(NotFoundError);
  await expect(readClassificationRun(a.ctx, runId)).rejects.toBeInstanceOf(NotFoundError);
  signInAs(a);
  const res = await runRoute(new NextRequest(`http://localhost/api/tenants/${a.slug}/classification-runs/${runId}`), {
    params: Promise.resolve({ tenant: a.slug, runId }),
  });
  expect(res.status).toBe(404);
  expect((await res.json()).error.code).toBe("NOT_FOUND");
  // Bad input is a field error, not a 500.
  expect(startBulkClassificationSchema.safeParse({ scope: "selected", caseIds: [] }).success).toBe(false);
  expect(startBulkClassificationSchema.safeParse({ scope: "selected", caseIds: ["x"] }).success).toBe(false);
});

it("hostile notes and replies with extra fields cannot apply anything outside the schema", async () => {
  const world = await caseworkWorld({ credits: 10_000 });
  const ids = await manyCases(world, PROMPT_INJECTION_NOTES.length);
  const db = await getDb();
  await db.forTenant(world.ctx).caseEvent.createMany({
    data: ids.map((caseId, i) => ({
      tenantId: world.tenant.id,
      caseId,
      kind: "NOTE" as const,
      body: PROMPT_INJECTION_NOTES[i]!,
    })),
  });
  // Replies that try to do more: a status, an assignee, a new title, a category outside the list.
  wire().script(
    {
      endpoint: "batch_request",
      kind: "tool",
      toolName: "classify_case",
      input: {
        category: "Housing",
        priority: "URGENT",
        sentiment: "negative",
        reason: "r",
        status: "CLOSED",
        title: "PWNED",
        assigneeId: world.user.id,
      },
    },
    {
      endpoint: "batch_request",
      kind: "tool",
      toolName: "classify_case",
      input: { category: "Delete everything", priority: "LOW", sentiment: "neutral", reason: "r" },
    },
  );
  const before = await db.forTenant(world.ctx).case.findMany({ where: { id: { in: ids } } });
  const { runId } = await start(world, { scope: "selected", caseIds: ids, mode: "apply" });
  await submit(world, runId);
  await collect(world, runId);

  // Every request: one forced tool, the hostile note inside the notes block.
  for (const r of batchPosts()[0]!.body.requests) {
    expect(r.params.tools).toHaveLength(1);
    expect(r.params.tool_choice.name).toBe("classify_case");
  }
  const view = await readClassificationRun(world.ctx, runId);
  expect(view.counts.errored).toBe(1);
  expect(view.failures[0]!.errorType).toBe("invalid_reply");
  const after = await db.forTenant(world.ctx).case.findMany({ where: { id: { in: ids } } });
  for (const c of after) {
    const was = before.find((b) => b.id === c.id)!;
    // Only category and priority may differ; nothing else of a case moved.
    expect({
      ...c,
      category: was.category,
      priority: was.priority,
      version: was.version,
      updatedAt: was.updatedAt,
    }).toEqual(was);
    expect(c.status).toBe("OPEN");
    expect(c.assigneeId).toBeNull();
  }
  const items = await db.forTenant(world.ctx).classificationRunItem.findMany({ where: { runId } });
  for (const i of items)
    if (i.suggestion)
      expect(Object.keys(i.suggestion as object).sort()).toEqual(["category", "priority", "reason", "sentiment"]);
}, 120_000);

it("without enough credits the run stops with the reason, sends nothing, and can be retried", async () => {
  const world = await caseworkWorld({ credits: 1 });
  const ids = await manyCases(world, 20);
  const { runId } = await start(world, { scope: "selected", caseIds: ids });
  await submit(world, runId);
  const failed = await readClassificationRun(world.ctx, runId);
  expect(failed.status).toBe("failed");
  expect(failed.failure).toMatch(/credits/i);
  expect(failed.counts.pending).toBe(20);
  expect(batchPosts()).toHaveLength(0);
  expect(await readCreditBalance(world.ctx)).toEqual({ balance: 1n, reserved: 0n });

  await world.as(() => grantCredits({ tenantId: world.tenant.id, credits: 5_000, kind: "grant", reason: "top-up" }));
  expect(await world.as(() => retryClassificationRun(world.ctx, { runId }))).toEqual({ runId, retried: 20 });
  await submit(world, runId);
  await collect(world, runId);
  expect(await readClassificationRun(world.ctx, runId)).toMatchObject({ status: "completed", done: 20 });
});

it("a plan without bulk classification is refused before anything is written", async () => {
  const world = await caseworkWorld({ plan: "FREE" });
  await expect(start(world, { scope: "selected", caseIds: [world.kase.id] })).rejects.toBeInstanceOf(ForbiddenError);
  expect(await (await getDb()).forTenant(world.ctx).classificationRun.count()).toBe(0);
});

it("the filter scope takes exactly the cases the list's filter matches", async () => {
  const world = await caseworkWorld({ credits: 5_000 });
  await manyCases(world, 8);
  const { total } = await start(world, { scope: "filter", filter: "q=Overflowing" });
  expect(total).toBe(2);
  await expect(start(world, { scope: "filter", filter: "q=nothing-like-this" })).rejects.toThrow(/No case to classify/);
  await expect(start(world, { scope: "filter", filter: "status=nonsense" })).rejects.toThrow(/filter is not valid/);
});

it("a run whose job was lost is marked stuck after ten minutes and can be sent again", async () => {
  const world = await caseworkWorld({ credits: 5_000 });
  const ids = await manyCases(world, 3);
  const { runId } = await start(world, { scope: "selected", caseIds: ids });
  expect((await readClassificationRun(world.ctx, runId)).stuck).toBe(false);
  const db = await getDb();
  await db
    .forTenant(world.ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$executeRaw`UPDATE classification_runs SET updated_at = now() - interval '11 minutes' WHERE id = ${runId}::uuid`,
    );
  expect((await readClassificationRun(world.ctx, runId)).stuck).toBe(true);
  expect(await world.as(() => retryClassificationRun(world.ctx, { runId }))).toEqual({ runId, retried: 3 });
  await submit(world, runId);
  await collect(world, runId);
  expect(await readClassificationRun(world.ctx, runId)).toMatchObject({ status: "completed", done: 3, stuck: false });
});
