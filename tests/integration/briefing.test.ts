// The daily briefing over the local Anthropic wire server: the numbers are SQL over the
// tenant-local day (zone-shifted bounds, same-weekday spikes), the model only gets those numbers
// and writes prose with [ref:…] markers (sentences with invented figures or unknown markers are
// dropped), the claim makes two concurrent writers one briefing and one charge, a failed call
// frees the day, and the scheduler's pass writes once after the local time and never before.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-briefing" }) }));

import { defaultAiFeatureSettings, type AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import { updateAiFeatureConfig } from "@/lib/ai/config/update-ai-config";
import { briefingHref } from "@/lib/ai/features/briefing/briefing-links";
import { computeBriefingNumbers } from "@/lib/ai/features/briefing/compute-briefing-numbers";
import { runDueBriefings } from "@/lib/ai/features/briefing/run-due-briefings";
import { FALLBACK_SENTENCE, writeBriefing } from "@/lib/ai/features/briefing/write-briefing";
import { listCases } from "@/lib/cases/list";
import { caseListQuerySchema } from "@/lib/cases/schemas";
import { runAsSystem } from "@/lib/context/request-context";
import { readCreditBalance } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { PaymentRequiredError } from "@/lib/errors";
import { withAnthropicServer } from "../support/anthropic-env";
import {
  auditRows,
  caseworkWorld,
  NEVER_SENT,
  openReservations,
  usageRows,
  type CaseworkWorld,
} from "../support/casework-world";

const wire = withAnthropicServer();

afterAll(async () => {
  await (await getDatabase()).close?.();
});

const AMS: AiFeatureSettingsFor<"briefing"> = { ...defaultAiFeatureSettings("briefing"), timeZone: "Europe/Amsterdam" };
// Monday 2 March 2026; Amsterdam is UTC+1 then, so its day is 1 March 23:00Z to 2 March 23:00Z.
const DAY = "2026-03-02";

async function insertCase(
  world: CaseworkWorld,
  at: string,
  extra: { category?: string; status?: "OPEN" | "RESOLVED"; resolvedAt?: string; dueAt?: string } = {},
) {
  const db = await getDb();
  await db.forTenant(world.ctx).case.create({
    data: {
      tenantId: world.tenant.id,
      citizenId: world.citizen.id,
      title: `Case at ${at}`,
      category: extra.category ?? null,
      status: extra.status ?? "OPEN",
      createdAt: new Date(at),
      resolvedAt: extra.resolvedAt ? new Date(extra.resolvedAt) : null,
      dueAt: extra.dueAt ? new Date(extra.dueAt) : null,
    },
  });
}

async function briefingRows(tenantId: string) {
  return (await getDb()).forTenant({ tenantId }).briefing.findMany();
}

it("counts the tenant-local day in SQL, with spikes against the same weekday of the previous four weeks", async () => {
  const world = await caseworkWorld();
  // In the Amsterdam day (00:30 local is the previous UTC day) and just outside it.
  await insertCase(world, "2026-03-01T23:30:00Z", { category: "Roads" });
  await insertCase(world, "2026-03-02T12:00:00Z", { category: "Roads" });
  await insertCase(world, "2026-03-02T22:59:00Z", { category: "Roads" });
  await insertCase(world, "2026-03-02T23:10:00Z", { category: "Roads" });
  await insertCase(world, "2026-03-01T22:50:00Z", { category: "Roads" });
  // Waste: 3 on the day but 8 on the Monday a week before (average 2): not twice the average.
  for (let i = 0; i < 3; i++) await insertCase(world, `2026-03-02T0${i + 1}:00:00Z`, { category: "Waste" });
  for (let i = 0; i < 8; i++) await insertCase(world, `2026-02-23T1${i}:00:00Z`, { category: "Waste" });
  // Housing: many on a Sunday before (another weekday), 3 on the day: a spike (Monday average 0).
  for (let i = 0; i < 9; i++) await insertCase(world, `2026-02-22T1${i}:00:00Z`, { category: "Housing" });
  for (let i = 0; i < 3; i++) await insertCase(world, `2026-03-02T1${i}:30:00Z`, { category: "Housing" });
  // Resolved on the day; overdue at the day's end (due within it, still open); a due date after
  // the day and a resolved case past its due date are not overdue.
  await insertCase(world, "2026-02-10T10:00:00Z", {
    status: "RESOLVED",
    resolvedAt: "2026-03-02T09:00:00Z",
    dueAt: "2026-03-01T00:00:00Z",
  });
  await insertCase(world, "2026-02-10T10:00:00Z", { status: "RESOLVED", resolvedAt: "2026-03-03T09:00:00Z" });
  await insertCase(world, "2026-02-10T10:00:00Z", { dueAt: "2026-03-02T20:00:00Z" });
  await insertCase(world, "2026-02-10T10:00:00Z", { dueAt: "2026-03-03T20:00:00Z" });

  const n = await computeBriefingNumbers(world.ctx, DAY, "Europe/Amsterdam");
  expect(n).toMatchObject({ day: DAY, timeZone: "Europe/Amsterdam", newCases: 9, resolved: 1, overdue: 1 });
  expect(n.spikes).toEqual([
    { category: "Housing", count: 3, average: 0 },
    { category: "Roads", count: 3, average: 0 },
  ]);
  // The same cases read in UTC: the 23:30Z case moves out, the 23:10Z one in.
  const utc = await computeBriefingNumbers(world.ctx, DAY, "UTC");
  expect(utc.newCases).toBe(9);
  expect(utc.spikes.map((s) => s.category)).toEqual(["Housing", "Roads"]);
  // Another tenant's cases are never counted.
  const other = await caseworkWorld();
  expect((await computeBriefingNumbers(other.ctx, DAY, "Europe/Amsterdam")).newCases).toBe(0);
});

it("writes prose around the given numbers only, drops invented figures, charges once and audits", async () => {
  const world = await caseworkWorld();
  await insertCase(world, "2026-03-02T10:00:00Z");
  await insertCase(world, "2026-03-02T11:00:00Z");
  wire().script({
    kind: "tool",
    input: {
      sentences: [
        "Yesterday [ref:new] new cases came in and [ref:resolved] were resolved.",
        "About 12 residents called about potholes.",
        "Category [ref:spike:9] doubled.",
        "[ref:overdue] cases are overdue.",
      ],
    },
  });
  const result = await world.as(() => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: world.user.id }));
  expect(result.created).toBe(true);
  expect(result.briefing).toMatchObject({ status: "ready", day: DAY });
  expect(result.briefing.numbers).toMatchObject({ newCases: 2, resolved: 0, overdue: 0, spikes: [] });
  expect(result.briefing.sentences).toEqual([
    "Yesterday [ref:new] new cases came in and [ref:resolved] were resolved.",
    "[ref:overdue] cases are overdue.",
  ]);

  const sent = wire().requests[0]!.body as { system: string; messages: Array<{ content: string }> };
  expect(sent.messages[0]!.content).toContain('<numbers day="2026-03-02">');
  expect(sent.messages[0]!.content).toContain("[ref:new] = 2 new cases");
  for (const pii of NEVER_SENT) expect(wire().received(pii)).toBe(false);
  expect(wire().received("Case at")).toBe(false);

  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ feature: "briefing", outcome: "ok" });
  expect(await openReservations(world.tenant.id)).toBe(0);
  expect(1000n - (await readCreditBalance(world.ctx)).balance).toBe(BigInt(result.creditsUsed));
  const event = (await auditRows(world.tenant.id)).find((a) => a.action === "ai.briefing_written")!;
  expect(event).toMatchObject({
    target_id: result.briefing.id,
    data: { feature: "briefing", day: DAY, usageId: usage[0]!.id, dropped: 2 },
  });
});

it("stores the product's own numbers-only sentence when every sentence fails validation", async () => {
  const world = await caseworkWorld();
  wire().script({ kind: "tool", input: { sentences: ["There were 40 cases.", "[ref:invented] more."] } });
  const result = await world.as(() => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  expect(result.briefing.sentences).toEqual([FALLBACK_SENTENCE]);
});

it("two concurrent writers for the same day make one briefing and one charge", async () => {
  const world = await caseworkWorld();
  wire().script({ kind: "tool", input: { sentences: ["[ref:new] new cases."] } });
  const run = () => runAsSystem("job", () => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  const [a, b] = await Promise.all([run(), run()]);
  expect([a.created, b.created].sort()).toEqual([false, true]);
  expect(wire().requests).toHaveLength(1);
  expect(await usageRows(world.tenant.id)).toHaveLength(1);
  expect(await briefingRows(world.tenant.id)).toHaveLength(1);
  // The loser either saw the finished briefing or the claim in progress; never a second row.
  const loser = a.created ? b : a;
  expect(loser.creditsUsed).toBe(0);
  // A later call for the day returns the stored briefing without calling the model.
  const again = await runAsSystem("job", () => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  expect(again).toMatchObject({ created: false, briefing: { status: "ready", sentences: ["[ref:new] new cases."] } });
  expect(wire().requests).toHaveLength(1);
});

it("a failed call frees the day for the next attempt; out of credits writes nothing", async () => {
  const world = await caseworkWorld();
  wire().script({ kind: "error", status: 400, message: "bad request" });
  await expect(
    world.as(() => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null })),
  ).rejects.toThrow();
  expect(await briefingRows(world.tenant.id)).toHaveLength(0);
  expect(await openReservations(world.tenant.id)).toBe(0);

  wire().script({ kind: "tool", input: { sentences: ["[ref:new] new cases."] } });
  const retry = await world.as(() => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  expect(retry.created).toBe(true);

  const broke = await caseworkWorld({ credits: 0 });
  const before = wire().requests.length;
  await expect(
    broke.as(() => writeBriefing(broke.ctx, { config: AMS, day: DAY, createdById: null })),
  ).rejects.toBeInstanceOf(PaymentRequiredError);
  expect(await briefingRows(broke.tenant.id)).toHaveLength(0);
  expect(wire().requests.length).toBe(before);
});

it("the scheduler writes after the local time, once per local day, and skips tenants that switched it off", async () => {
  const world = await caseworkWorld();
  const off = await caseworkWorld();
  await world.as(() => updateAiFeatureConfig(world.ctx, { ...AMS, timeOfDay: "08:30" }));
  await off.as(() => updateAiFeatureConfig(off.ctx, { ...AMS, enabled: false, timeOfDay: "00:00" }));
  const only = { tenantIds: [world.tenant.id, off.tenant.id] };
  const pass = (iso: string) => runAsSystem("job", () => runDueBriefings(new Date(iso), only));

  // 08:29 in Amsterdam (UTC+1): not yet.
  expect(await pass("2026-03-03T07:29:00Z")).toEqual({ written: 0, failed: 0 });
  wire().script({ kind: "tool", input: { sentences: ["[ref:new] new cases."] } });
  expect(await pass("2026-03-03T07:31:00Z")).toEqual({ written: 1, failed: 0 });
  expect(await pass("2026-03-03T07:46:00Z")).toEqual({ written: 0, failed: 0 });
  expect(wire().requests).toHaveLength(1);
  const rows = await briefingRows(world.tenant.id);
  expect(rows.map((r) => r.day.toISOString().slice(0, 10))).toEqual(["2026-03-02"]);
  expect(await briefingRows(off.tenant.id)).toHaveLength(0);
  const event = (await auditRows(world.tenant.id)).find((a) => a.action === "ai.briefing_written")!;
  expect(event).toMatchObject({ data: { system: "job" } });

  // A failing tenant is counted and retried on the next pass.
  wire().script({ kind: "error", status: 400, message: "bad request" });
  expect(await pass("2026-03-04T07:31:00Z")).toEqual({ written: 0, failed: 1 });
  wire().script({ kind: "tool", input: { sentences: ["[ref:new] new cases."] } });
  expect(await pass("2026-03-04T07:46:00Z")).toEqual({ written: 1, failed: 0 });
});

it("the offline demo model's briefing passes the figure check whole, spikes included", async () => {
  const world = await caseworkWorld();
  for (let i = 0; i < 3; i++) await insertCase(world, `2026-03-02T1${i}:00:00Z`, { category: "Roads" });
  const result = await world.as(() => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  expect(result.briefing.sentences).toEqual([
    "Yesterday [ref:new] new cases came in and [ref:resolved] were resolved.",
    "At the end of the day [ref:overdue] open cases were past their due date.",
    "The Roads category stood out with [ref:spike:1] new cases, against [ref:spike_avg:1] on a usual day like it.",
  ]);
  const event = (await auditRows(world.tenant.id)).find((a) => a.action === "ai.briefing_written")!;
  expect(event.data).toMatchObject({ dropped: 0 });
});

it("a claim left 'generating' by a writer that died is taken over after the stale time, a fresh one is not", async () => {
  const world = await caseworkWorld();
  const db = await getDb();
  const stuck = await db.forTenant(world.ctx).briefing.create({
    data: { tenantId: world.tenant.id, day: new Date(`${DAY}T00:00:00Z`), timeZone: "UTC", status: "generating" },
  });
  const fresh = await world.as(() => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  expect(fresh).toMatchObject({ created: false, briefing: { id: stuck.id, status: "generating" } });
  expect(wire().requests).toHaveLength(0);

  await db.forTenant(world.ctx).briefing.update({
    where: { tenantId_id: { tenantId: world.tenant.id, id: stuck.id } },
    data: { claimedAt: new Date(Date.now() - 11 * 60_000) },
  });
  wire().script({ kind: "tool", input: { sentences: ["[ref:new] new cases."] } });
  const taken = await world.as(() => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  expect(taken).toMatchObject({ created: true, briefing: { status: "ready" } });
  expect(await briefingRows(world.tenant.id)).toHaveLength(1);
});

it("each number's link opens the cases list counted in the briefing's zone: the same cases as the count", async () => {
  const world = await caseworkWorld();
  // 00:30 on 2 March in Amsterdam is 1 March in UTC; 23:10Z on 2 March is 3 March in Amsterdam.
  await insertCase(world, "2026-03-01T23:30:00Z", { category: "Roads" });
  await insertCase(world, "2026-03-02T12:00:00Z", { category: "Roads" });
  await insertCase(world, "2026-03-02T22:59:00Z", { category: "Roads" });
  await insertCase(world, "2026-03-02T23:10:00Z", { category: "Roads" });
  await insertCase(world, "2026-02-10T10:00:00Z", { status: "RESOLVED", resolvedAt: "2026-03-01T23:15:00Z" });
  await insertCase(world, "2026-02-10T10:00:00Z", { status: "RESOLVED", resolvedAt: "2026-03-02T23:15:00Z" });
  const n = await computeBriefingNumbers(world.ctx, DAY, "Europe/Amsterdam");
  expect(n).toMatchObject({ newCases: 3, resolved: 1, spikes: [{ category: "Roads", count: 3 }] });

  const listed = async (ref: string) => {
    const href = briefingHref(world.slug, n, ref)!;
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(params.tz).toBe("Europe/Amsterdam");
    const page = await world.as(() => listCases(world.ctx, caseListQuerySchema.parse({ ...params, limit: 200 })));
    return page.items.length;
  };
  expect(await listed("new")).toBe(n.newCases);
  expect(await listed("resolved")).toBe(n.resolved);
  expect(await listed("spike:1")).toBe(n.spikes[0]!.count);
  // Without the zone the list counts UTC days: the 00:30 local case falls out, the 00:10 next-day one in.
  const utc = await world.as(() =>
    listCases(world.ctx, caseListQuerySchema.parse({ createdFrom: DAY, createdTo: DAY, limit: 200 })),
  );
  expect(utc.items.map((c) => c.title).sort()).toEqual([
    "Case at 2026-03-02T12:00:00Z",
    "Case at 2026-03-02T22:59:00Z",
    "Case at 2026-03-02T23:10:00Z",
  ]);
  expect(caseListQuerySchema.safeParse({ tz: "Mars/Olympus" }).success).toBe(false);
});
