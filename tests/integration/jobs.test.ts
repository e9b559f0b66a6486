// Background jobs (lib/jobs) on pg-boss, on whichever database the run uses (PostgreSQL with
// DATABASE_URL, otherwise in-process on PGlite): a job runs, retries with backoff then lands in
// its dead-letter queue, a singleton key dedupes, cron registers, and handlers are idempotent.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { currentLogContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { registerJob } from "@/lib/jobs/catalog";
import { deadLetterQueue, defineJob } from "@/lib/jobs/define-job";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { purgeExpiredTokens } from "@/lib/jobs/purge-expired-tokens";
import { ensureQueue, workJob } from "@/lib/jobs/worker";

const run = randomUUID().slice(0, 8);

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  await getDatabase();
  await getBoss();
}, 60_000);

afterAll(async () => {
  await stopBoss(2000);
  await (await getDatabase()).close();
});

it("a job runs in the system context, with its tenant in the log context", async () => {
  const seen: Array<{ data: unknown; actor?: string; system?: string; tenantId?: string }> = [];
  const job = defineJob({
    name: `test-${run}.runs`,
    schema: z.object({ tenantId: z.string().uuid() }),
    retryLimit: 0,
    retryDelay: 1,
    backoff: false,
    async handler(data) {
      const ctx = currentLogContext();
      seen.push({ data, actor: ctx?.actorType, system: ctx?.system, tenantId: ctx?.tenantId });
    },
  });
  registerJob(job);
  const boss = await getBoss();
  await ensureQueue(boss, job);
  await workJob(boss, job);
  const tenantId = randomUUID();
  const started = Date.now();
  expect(await enqueueJob(job.name, { tenantId })).toEqual(expect.any(String));
  await until(() => (seen.length ? true : undefined));
  console.log(`[jobs] pickup ${Date.now() - started} ms`);
  expect(seen).toEqual([{ data: { tenantId }, actor: "system", system: "job", tenantId }]);
});

it("bad data is refused at enqueue with field errors; an unknown job name throws", async () => {
  const job = defineJob({
    name: `test-${run}.strict`,
    schema: z.object({ count: z.number().int() }),
    retryLimit: 0,
    retryDelay: 1,
    backoff: false,
    handler: async () => undefined,
  });
  registerJob(job);
  await expect(enqueueJob(job.name, { count: "many" })).rejects.toBeInstanceOf(ValidationError);
  await expect(enqueueJob(`test-${run}.nope`, {})).rejects.toThrow(/unknown job/);
  expect(() => defineJob({ ...job, name: "Bad Name" })).toThrow(/job name/);
});

it("a failing job retries with backoff, then lands in <name>.dead", async () => {
  const attempts: Array<{ at: number; attempt: number }> = [];
  const job = defineJob({
    name: `test-${run}.fails`,
    schema: z.object({ n: z.number() }),
    retryLimit: 2,
    retryDelay: 1,
    backoff: true,
    async handler(_data, { attempt }) {
      attempts.push({ at: Date.now(), attempt });
      throw new Error("always fails");
    },
  });
  registerJob(job);
  const boss = await getBoss();
  await ensureQueue(boss, job);
  await workJob(boss, job);
  const id = await enqueueJob(job.name, { n: 1 });
  const dead = await until(async () => {
    const jobs = await boss.findJobs(deadLetterQueue(job.name));
    return jobs.length ? jobs : undefined;
  }, 30_000);
  expect(attempts.map((a) => a.attempt)).toEqual([0, 1, 2]);
  const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
  console.log(`[jobs] retry gaps ${gaps.join(", ")} ms`);
  expect(gaps[0]).toBeGreaterThanOrEqual(900);
  expect(dead).toHaveLength(1);
  expect(dead[0]!.data).toEqual({ n: 1 });
  expect((await boss.getJobById(job.name, id!))?.state).toBe("failed");
}, 40_000);

it("a batched queue runs its jobs side by side and drains a backlog at once; a failing job retries alone", async () => {
  const runs: Array<{ n: number; attempt: number; system?: string }> = [];
  const job = defineJob({
    name: `test-${run}.batched`,
    schema: z.object({ n: z.number().int() }),
    retryLimit: 1,
    retryDelay: 1,
    backoff: false,
    batchSize: 4,
    async handler({ n }, { attempt }) {
      runs.push({ n, attempt, system: currentLogContext()?.system });
      if (n === 3 && attempt === 0) throw new Error("fails once");
    },
  });
  registerJob(job);
  const boss = await getBoss();
  await ensureQueue(boss, job);
  // Queued before the worker starts: a backlog of 3 full batches (and the poll is 1 s).
  const ids = await Promise.all(Array.from({ length: 12 }, (_, n) => enqueueJob(job.name, { n })));
  const started = Date.now();
  await workJob(boss, job);
  await until(() => (runs.filter((r) => r.attempt === 0).length === 12 ? true : undefined));
  const drained = Date.now() - started;
  console.log(`[jobs] 12 queued jobs in batches of 4: first runs done in ${drained} ms`);
  // Three full batches fetched back to back, not one batch per 1 s poll.
  expect(drained).toBeLessThan(2_000);
  await until(() => (runs.some((r) => r.attempt === 1) ? true : undefined));
  expect(runs.filter((r) => r.attempt === 1).map((r) => r.n)).toEqual([3]);
  expect(runs.every((r) => r.system === "job")).toBe(true);
  await until(async () => ((await boss.getJobById(job.name, ids[3]!))?.state === "completed" ? true : undefined));
  const states = await Promise.all(ids.map(async (id) => (await boss.getJobById(job.name, id!))?.state));
  expect(states).toEqual(ids.map(() => "completed"));
}, 30_000);

it("a singleton key dedupes queued jobs", async () => {
  const job = defineJob({
    name: `test-${run}.single`,
    schema: z.object({ key: z.string() }),
    retryLimit: 0,
    retryDelay: 1,
    backoff: false,
    singletonKey: (d) => d.key,
    handler: async () => undefined,
  });
  registerJob(job);
  const boss = await getBoss();
  await ensureQueue(boss, job); // not worked: jobs stay queued
  const first = await enqueueJob(job.name, { key: "a" });
  const second = await enqueueJob(job.name, { key: "a" });
  const other = await enqueueJob(job.name, { key: "b" });
  expect(first).toEqual(expect.any(String));
  expect(second).toBeNull();
  expect(other).toEqual(expect.any(String));
});

it("cron schedules register (the built-in purge's included)", async () => {
  const boss = await getBoss();
  await ensureQueue(boss, purgeExpiredTokens);
  const schedules = await boss.getSchedules(purgeExpiredTokens.name);
  expect(schedules).toEqual([expect.objectContaining({ name: purgeExpiredTokens.name, cron: "17 3 * * *" })]);
});

it("the built-in purge is idempotent: run twice, same end state", async () => {
  const db = await getDb();
  const user = await db.user.create({ data: { email: `jobs-${run}@example.org`, name: "Jobs probe" } });
  const old = new Date(Date.now() - 3 * 86_400_000);
  const fresh = new Date(Date.now() + 86_400_000);
  await db.authToken.create({
    data: { userId: user.id, purpose: "VERIFY_EMAIL", tokenHash: `old-${run}`, expiresAt: old },
  });
  await db.authToken.create({
    data: { userId: user.id, purpose: "VERIFY_EMAIL", tokenHash: `fresh-${run}`, expiresAt: fresh },
  });
  const ctx = { jobId: randomUUID(), attempt: 0 };
  await purgeExpiredTokens.handler({ olderThanHours: 24 }, ctx);
  await purgeExpiredTokens.handler({ olderThanHours: 24 }, ctx);
  const left = await db.authToken.findMany({ where: { userId: user.id }, select: { tokenHash: true } });
  expect(left).toEqual([{ tokenHash: `fresh-${run}` }]);
});

it("the credits sweep is in the app's catalog as a cron every minute, so the worker schedules it", async () => {
  const { getJob } = await import("@/lib/jobs/catalog");
  expect(getJob("credits.sweep-stale-reservations")).toMatchObject({ cron: "* * * * *" });
});
