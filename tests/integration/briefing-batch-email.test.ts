// The daily briefing through the Message Batches API (when the tenant allows the delay) and by
// email to the members who opted in, over the local Anthropic wire server and the dev mailbox:
// the batch is one request at the batch price, its collect job stores it with one usage row and
// one settle (a second run changes nothing), an errored or expired batch releases its hold and
// falls back to one direct call, and the email goes to opted-in members who still have access,
// with the numbers and absolute links, and nothing about any citizen. The jobs' handlers are
// called as the worker calls them (runAsSystem("job")).
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
process.env.DEV_MAILBOX = "1";
process.env.APP_URL = "http://civitas.test";
delete process.env.SMTP_URL;

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-briefing-batch" }) }));

import { randomUUID } from "node:crypto";
import { setBriefingEmailOptInAction } from "@/app/(dashboard)/[tenant]/settings/notifications/actions";
import { defaultAiFeatureSettings, type AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import { updateAiFeatureConfig } from "@/lib/ai/config/update-ai-config";
import { collectBriefingJobSchema, emailBriefingJobSchema } from "@/lib/ai/features/briefing/briefing-job-names";
import { collectBriefingBatchJob, emailBriefingJob } from "@/lib/ai/features/briefing/briefing-job";
import { collectBriefingBatch } from "@/lib/ai/features/briefing/collect-briefing-batch";
import { emailBriefing } from "@/lib/ai/features/briefing/email-briefing";
import { readBriefingEmailOptIn } from "@/lib/ai/features/briefing/read-briefing-email-opt-in";
import { runDueBriefings } from "@/lib/ai/features/briefing/run-due-briefings";
import { briefingEmailOptInSchema } from "@/lib/ai/features/briefing/schemas";
import { setBriefingEmailOptIn } from "@/lib/ai/features/briefing/set-briefing-email-opt-in";
import { writeBriefing } from "@/lib/ai/features/briefing/write-briefing";
import { resetConfigForTests } from "@/lib/config";
import { runAsSystem } from "@/lib/context/request-context";
import { readCreditBalance } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/worker";
import { withAnthropicServer } from "../support/anthropic-env";
import {
  auditRows,
  caseworkWorld,
  CITIZEN_PII,
  NEVER_SENT,
  openReservations,
  signInAs,
  usageRows,
  type CaseworkWorld,
} from "../support/casework-world";

const wire = withAnthropicServer();

beforeAll(async () => {
  resetConfigForTests();
  const boss = await getBoss();
  for (const def of [collectBriefingBatchJob, emailBriefingJob]) await ensureQueue(boss, def as never);
}, 180_000);

afterAll(async () => {
  await stopBoss(2000);
  await (await getDatabase()).close?.();
});

const AMS: AiFeatureSettingsFor<"briefing"> = {
  ...defaultAiFeatureSettings("briefing"),
  timeZone: "Europe/Amsterdam",
  timeOfDay: "08:00",
};
// 08:31 in Amsterdam on Tuesday 3 March 2026: the briefing is about Monday 2 March.
const NOW = new Date("2026-03-03T07:31:00Z");
const DAY = "2026-03-02";
const SENTENCES = { sentences: ["Yesterday [ref:new] new cases came in and [ref:resolved] were resolved."] };

async function scheduledPass(world: CaseworkWorld, viaBatch: boolean) {
  await world.as(() => updateAiFeatureConfig(world.ctx, { ...AMS, viaBatch }));
  return runAsSystem("job", () => runDueBriefings(NOW, { tenantIds: [world.tenant.id] }));
}
async function briefingRow(world: CaseworkWorld) {
  return (await getDb()).forTenant(world.ctx).briefing.findFirstOrThrow();
}
const collect = (world: CaseworkWorld, briefingId: string, look = 0) =>
  runAsSystem("job", () => collectBriefingBatch({ tenantId: world.tenant.id, briefingId, look }));
const batchPosts = () => wire().requests.filter((r) => r.method === "POST" && r.path === "/v1/messages/batches");
const messagePosts = () => wire().requests.filter((r) => r.method === "POST" && r.path === "/v1/messages");
async function reservations(tenantId: string) {
  return (await getDb()).forTenant({ tenantId }).creditReservation.findMany({ orderBy: { createdAt: "asc" } });
}
async function pendingJobs(name: string, briefingId: string) {
  const db = await getDb();
  return db.$queryRaw<Array<{ data: Record<string, unknown> }>>`
    SELECT data FROM pgboss.job WHERE name = ${name} AND data->>'briefingId' = ${briefingId} AND state = 'created'`;
}

async function insertCase(world: CaseworkWorld, at: string) {
  await (await getDb()).forTenant(world.ctx).case.create({
    data: { tenantId: world.tenant.id, citizenId: world.citizen.id, title: `Case at ${at}`, createdAt: new Date(at) },
  });
}

it("sends the scheduled briefing as one batch request at the batch price; the collect job stores it, once", async () => {
  const world = await caseworkWorld();
  await insertCase(world, "2026-03-02T10:00:00Z");
  wire().script({ endpoint: "batch_request", kind: "tool", input: SENTENCES, toolName: "write_briefing" });
  expect(await scheduledPass(world, true)).toEqual({ written: 1, failed: 0 });

  // One batch of one request: the forced tool over the numbers only; nothing about a citizen.
  expect(batchPosts()).toHaveLength(1);
  expect(messagePosts()).toHaveLength(0);
  const body = batchPosts()[0]!.body as {
    requests: Array<{
      custom_id: string;
      params: { tool_choice: { name: string }; messages: Array<{ content: string }> };
    }>;
  };
  expect(body.requests).toHaveLength(1);
  const pending = await briefingRow(world);
  expect(body.requests[0]).toMatchObject({
    custom_id: pending.id,
    params: { tool_choice: { name: "write_briefing" } },
  });
  expect(body.requests[0]!.params.messages[0]!.content).toContain("[ref:new] = 1 new cases");
  for (const pii of NEVER_SENT) expect(wire().received(pii)).toBe(false);
  expect(wire().received(CITIZEN_PII.lastName)).toBe(false);
  expect(pending).toMatchObject({
    status: "generating",
    batchId: expect.any(String),
    reservationId: expect.any(String),
  });
  // The hold is open at the batch price; nothing is charged yet; the collect job is queued.
  const [held] = await reservations(world.tenant.id);
  expect(held).toMatchObject({ id: pending.reservationId, status: "open", feature: "briefing" });
  expect(await usageRows(world.tenant.id)).toHaveLength(0);
  expect(await pendingJobs("ai.briefing.collect", pending.id)).toHaveLength(1);
  // The dashboard shows it as being written, and a second pass leaves it alone.
  expect(await runAsSystem("job", () => runDueBriefings(NOW, { tenantIds: [world.tenant.id] }))).toEqual({
    written: 0,
    failed: 0,
  });
  expect(batchPosts()).toHaveLength(1);

  await collect(world, pending.id);
  const done = await briefingRow(world);
  expect(done).toMatchObject({ status: "ready", batchId: null, reservationId: null, text: SENTENCES.sentences[0] });
  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ feature: "briefing", batch: true, outcome: "ok", reservationId: held!.id });
  const [settled] = await reservations(world.tenant.id);
  expect(settled!.status).toBe("settled");
  const charged = settled!.creditsUsed!;
  expect(1000n - (await readCreditBalance(world.ctx)).balance).toBe(charged);
  const audit = await auditRows(world.tenant.id);
  expect(audit.find((a) => a.action === "ai.briefing_batch_submitted")).toMatchObject({ target_id: pending.id });
  expect(audit.find((a) => a.action === "ai.briefing_written")).toMatchObject({
    target_id: pending.id,
    data: { batch: true, batchId: pending.batchId, reservationId: held!.id, credits: Number(charged) },
  });

  // A second run of the job (a retry after it finished): nothing more is charged or written.
  await collect(world, pending.id);
  expect(await usageRows(world.tenant.id)).toHaveLength(1);
  expect(1000n - (await readCreditBalance(world.ctx)).balance).toBe(charged);
  expect((await auditRows(world.tenant.id)).filter((a) => a.action === "ai.briefing_written")).toHaveLength(1);
});

it("without the setting the scheduled briefing is a direct call, as before", async () => {
  const world = await caseworkWorld();
  wire().script({ kind: "tool", input: SENTENCES });
  expect(await scheduledPass(world, false)).toEqual({ written: 1, failed: 0 });
  expect(batchPosts()).toHaveLength(0);
  expect((await briefingRow(world)).status).toBe("ready");
  expect((await usageRows(world.tenant.id))[0]).toMatchObject({ batch: false });
});

it("a batch still running is looked at again later with its hold kept alive", async () => {
  const world = await caseworkWorld();
  await scheduledPass(world, true);
  const row = await briefingRow(world);
  wire().batches.get(row.batchId!)!.hold = true;
  await collect(world, row.id, 0);
  expect((await briefingRow(world)).status).toBe("generating");
  expect((await reservations(world.tenant.id))[0]!.status).toBe("open");
  const next = await pendingJobs("ai.briefing.collect", row.id);
  expect(next.map((j) => collectBriefingJobSchema.parse(j.data).look).sort()).toEqual([0, 1]);
});

it("an errored batch result releases the hold and the briefing is written by one direct call", async () => {
  const world = await caseworkWorld();
  wire().script({ endpoint: "batch_request", kind: "error", status: 500 });
  await scheduledPass(world, true);
  const row = await briefingRow(world);
  wire().script({ kind: "tool", input: SENTENCES });
  await collect(world, row.id);

  expect(messagePosts()).toHaveLength(1);
  const done = await briefingRow(world);
  expect(done).toMatchObject({ status: "ready", text: SENTENCES.sentences[0] });
  const rs = await reservations(world.tenant.id);
  expect(rs.map((r) => r.status)).toEqual(["released", "settled"]);
  // One usage row, the direct call's; the batch cost nothing.
  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ batch: false, reservationId: rs[1]!.id });
  expect(1000n - (await readCreditBalance(world.ctx)).balance).toBe(rs[1]!.creditsUsed);
  expect(await openReservations(world.tenant.id)).toBe(0);
  const failed = (await auditRows(world.tenant.id)).find((a) => a.action === "ai.briefing_batch_failed")!;
  expect(failed).toMatchObject({ target_id: row.id, data: { batchId: row.batchId, fallback: "direct" } });

  // The old job again: its row is gone, nothing happens.
  await collect(world, row.id);
  expect(messagePosts()).toHaveLength(1);
  expect(await usageRows(world.tenant.id)).toHaveLength(1);
});

it("an expired batch falls back too; a fallback that fails leaves the day free and the hold refunded", async () => {
  const world = await caseworkWorld();
  await scheduledPass(world, true);
  const row = await briefingRow(world);
  const stored = wire().batches.get(row.batchId!)!;
  Object.assign(stored, {
    status: "ended",
    endedAt: new Date().toISOString(),
    results: [{ custom_id: row.id, result: { type: "expired" } }],
  });
  wire().script({ kind: "error", status: 400, message: "bad request" });
  await expect(collect(world, row.id)).rejects.toThrow();
  expect(await (await getDb()).forTenant(world.ctx).briefing.count()).toBe(0);
  // Only the failed direct call's "error" row, at no cost; every hold refunded.
  const usage = await usageRows(world.tenant.id);
  expect(usage.map((u) => [u.batch, u.outcome, u.costCredits.toString()])).toEqual([[false, "error", "0"]]);
  expect(await openReservations(world.tenant.id)).toBe(0);
  expect((await readCreditBalance(world.ctx)).balance).toBe(1000n);
});

it("a reply of the wrong shape is charged once and stores the numbers-only sentence", async () => {
  const world = await caseworkWorld();
  wire().script({
    endpoint: "batch_request",
    kind: "tool",
    input: { sentences: "not a list" },
    toolName: "write_briefing",
  });
  await scheduledPass(world, true);
  const row = await briefingRow(world);
  await collect(world, row.id);
  expect((await briefingRow(world)).text).toMatch(/^Yesterday: \[ref:new\] new cases/);
  expect(await usageRows(world.tenant.id)).toHaveLength(1);
  expect(messagePosts()).toHaveLength(0);
});

async function member(world: CaseworkWorld, role: "VIEWER" | "MEMBER" | "COMPLIANCE", optIn: boolean) {
  const db = await getDb();
  const user = await db.user.create({
    data: { email: `m-${randomUUID().slice(0, 8)}@members.test`, name: "A Member", emailVerifiedAt: new Date() },
  });
  await db.forTenant(world.ctx).membership.create({ data: { tenantId: world.tenant.id, userId: user.id, role } });
  const ctx = { ...world.ctx, userId: user.id, role, requestId: `req-${randomUUID()}` };
  if (optIn) await world.as(() => setBriefingEmailOptIn(ctx, { emailBriefing: true }));
  return user;
}
async function mailTo(email: string) {
  return (await getDb()).mailboxMessage.findMany({ where: { to: email } });
}

it("emails the stored briefing to opted-in members who still have access: numbers, absolute links, no citizen data", async () => {
  const world = await caseworkWorld();
  await insertCase(world, "2026-03-02T10:00:00Z");
  const owner = world.user;
  await world.as(() => setBriefingEmailOptIn(world.ctx, { emailBriefing: true }));
  const viewer = await member(world, "VIEWER", true);
  const notOptedIn = await member(world, "MEMBER", false);
  const removed = await member(world, "MEMBER", true);
  await (await getDb()).forTenant(world.ctx).membership.deleteMany({ where: { userId: removed.id } });
  const disabled = await member(world, "COMPLIANCE", true);
  await (await getDb()).user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });

  wire().script({ kind: "tool", input: SENTENCES });
  const result = await runAsSystem("job", () => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  const id = result.briefing.id;
  // Storing queued the fan-out job; the fan-out queues one job per opted-in member.
  expect(await pendingJobs("ai.briefing.email", id)).toHaveLength(1);
  expect(await runAsSystem("job", () => emailBriefing({ tenantId: world.tenant.id, briefingId: id }))).toEqual({
    queued: 4,
  });
  const perUser = (await pendingJobs("ai.briefing.email", id))
    .map((j) => emailBriefingJobSchema.parse(j.data))
    .filter((d) => d.userId);
  expect(perUser).toHaveLength(4);
  const sent: Record<string, boolean> = {};
  for (const d of perUser) sent[d.userId!] = (await runAsSystem("job", () => emailBriefing(d))).sent as boolean;
  expect(sent).toEqual({ [owner.id]: true, [viewer.id]: true, [disabled.id]: false, [removed.id]: false });
  expect(await mailTo(notOptedIn.email)).toHaveLength(0);

  const [mail] = await mailTo(viewer.email);
  expect(mail!.subject).toBe(`Daily briefing for ${world.tenant.name}: ${DAY}`);
  expect(mail!.text).toContain("Yesterday 1 new cases came in and 0 were resolved.");
  expect(mail!.text).toContain(
    `New cases: 1: http://civitas.test/${world.slug}/cases?createdFrom=${DAY}&createdTo=${DAY}&tz=Europe%2FAmsterdam`,
  );
  expect(mail!.text).toContain(`http://civitas.test/${world.slug}/settings/notifications`);
  expect(mail!.html).toContain(`href="http://civitas.test/${world.slug}/cases?resolvedFrom=${DAY}`);
  for (const pii of [...NEVER_SENT, CITIZEN_PII.firstName, CITIZEN_PII.lastName, "Case at", "Mould"]) {
    expect(mail!.text).not.toContain(pii);
    expect(mail!.html).not.toContain(pii);
  }

  // The person's job run again (a retry) sends again only what it is asked to; a briefing not
  // ready or someone opted out since gets nothing.
  await world.as(() => setBriefingEmailOptIn({ ...world.ctx, userId: viewer.id }, { emailBriefing: false }));
  expect(
    await runAsSystem("job", () => emailBriefing({ tenantId: world.tenant.id, briefingId: id, userId: viewer.id })),
  ).toEqual({
    sent: false,
  });
});

it("no opt-in, no email job; the opt-in is the member's own, audited once per change", async () => {
  const world = await caseworkWorld();
  wire().script({ kind: "tool", input: SENTENCES });
  const result = await runAsSystem("job", () => writeBriefing(world.ctx, { config: AMS, day: DAY, createdById: null }));
  expect(await pendingJobs("ai.briefing.email", result.briefing.id)).toHaveLength(0);

  expect(await world.as(() => setBriefingEmailOptIn(world.ctx, { emailBriefing: true }))).toEqual({
    emailBriefing: true,
    changed: true,
  });
  expect(await world.as(() => setBriefingEmailOptIn(world.ctx, { emailBriefing: true }))).toMatchObject({
    changed: false,
  });
  expect(await readBriefingEmailOptIn(world.ctx)).toBe(true);
  expect(await world.as(() => setBriefingEmailOptIn(world.ctx, { emailBriefing: false }))).toMatchObject({
    changed: true,
  });
  expect(await readBriefingEmailOptIn(world.ctx)).toBe(false);
  const actions = (await auditRows(world.tenant.id)).map((a) => a.action).filter((a) => a.startsWith("notification."));
  expect(actions).toEqual(["notification.briefing_email_on", "notification.briefing_email_off"]);
});

it("the action parses the checkbox, refuses junk field by field, and answers 404 for another tenant", async () => {
  const world = await caseworkWorld();
  const other = await caseworkWorld();
  signInAs(world);
  const form = (...values: string[]) => {
    const f = new FormData();
    for (const v of values) f.append("emailBriefing", v);
    return f;
  };
  const first = await setBriefingEmailOptInAction(world.slug, form("false", "true"));
  expect(first).toMatchObject({
    ok: true,
    data: { emailBriefing: true },
  });
  expect(await setBriefingEmailOptInAction(world.slug, form("false"))).toMatchObject({
    ok: true,
    data: { emailBriefing: false },
  });
  const junk = await setBriefingEmailOptInAction(world.slug, { emailBriefing: "maybe" });
  expect(junk).toMatchObject({
    ok: false,
    code: "VALIDATION_FAILED",
    fieldErrors: { emailBriefing: expect.any(Array) },
  });
  expect(briefingEmailOptInSchema.safeParse({}).success).toBe(false);
  const foreign = await setBriefingEmailOptInAction(other.slug, form("true"));
  expect(foreign).toMatchObject({ ok: false, code: "NOT_FOUND" });
  expect(await readBriefingEmailOptIn({ tenantId: other.tenant.id, userId: world.user.id })).toBe(false);
});
