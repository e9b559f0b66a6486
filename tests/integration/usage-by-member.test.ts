// The billing page's "credits per person over time": per person per UTC day or week, summed in
// SQL from the usage table's generated cost column; only the tenant's own usage (a person who
// works in two organisations is charted with this one's spending only); members, removed
// members, deleted accounts and background work each told apart; owners and admins only.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/generated/prisma/enums";
import type { AiFeature } from "@/lib/ai/features";
import { grantCredits, reserveCredits, settleReservation } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { CHARTED_PEOPLE, readUsageByMember } from "@/lib/usage/read-usage-by-member";
import { usageByMemberQuerySchema } from "@/lib/usage/schemas";
import { inRequestContext } from "../support/request-context";

afterAll(async () => {
  await (await getDatabase()).close?.();
});

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

async function org() {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `ubm-${randomUUID().slice(0, 10)}`, name: "Usage Org" } });
  await inRequestContext({}, () => grantCredits({ tenantId: t.id, credits: 1_000_000, kind: "grant", reason: "t" }));
  return t.id;
}

async function person(name: string, tenantIds: string[]) {
  const db = await getDb();
  const user = await db.user.create({ data: { email: `ubm-${randomUUID().slice(0, 8)}@t.test`, name } });
  for (const tenantId of tenantIds)
    await db.forTenant({ tenantId }).membership.create({ data: { tenantId, userId: user.id, role: "MEMBER" } });
  return user.id;
}

async function spend(tenantId: string, userId: string | null, feature: AiFeature, outputTokens: number) {
  const ctx = { tenantId, userId };
  await inRequestContext({ tenantId, userId: userId ?? undefined }, async () => {
    const model = "claude-haiku-4-5";
    const r = await reserveCredits(ctx, { feature, model, maxInputTokens: 1000, maxOutputTokens: 5000 });
    await settleReservation(ctx, r.id, {
      usage: { inputTokens: 1000, outputTokens },
      model,
      outcome: "ok",
      latencyMs: 5,
    });
  });
}

/** What the usage table says, per user, for the tenant (the numbers the chart must show). */
async function costPerUser(tenantId: string) {
  const db = await getDb();
  const rows = await db.forTenant({ tenantId }).$tenantTransaction(
    (tx) => tx.$queryRaw<{ userId: string | null; credits: number }[]>`
      SELECT user_id AS "userId", SUM(cost_credits)::float8 AS credits FROM ai_usage GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.userId, Math.round(r.credits * 100) / 100]));
}

const ctxOf = (tenantId: string, role: Role = "OWNER") => ({
  tenantId,
  userId: randomUUID(),
  role,
  requestId: randomUUID(),
});

const q = (usageRange?: string, usageBucket?: string) => usageByMemberQuerySchema.parse({ usageRange, usageBucket });

test("per person per day from the cost column: members, removed, deleted and background work; the other tenant's spending never counts", async () => {
  const a = await org();
  const b = await org();
  const ada = await person("Ada Both", [a, b]);
  const bob = await person("Bob Removed", [a]);
  const cyd = await person("Cyd Deleted", [a]);
  await spend(a, ada, "chat", 2000);
  await spend(a, ada, "case_summary", 500);
  await spend(a, bob, "chat", 1000);
  await spend(a, cyd, "chat", 300);
  await spend(a, null, "case_summary", 400);
  // Ada's spending in B: never in A's chart.
  await spend(b, ada, "chat", 4000);
  const db = await getDb();
  await db.forTenant({ tenantId: a }).membership.delete({ where: { tenantId_userId: { tenantId: a, userId: bob } } });
  await db.user.delete({ where: { id: cyd } });

  const expected = await costPerUser(a);
  const s = await readUsageByMember(ctxOf(a), q("7"));
  expect(s).toMatchObject({ bucket: "day", to: today() });
  expect(s.buckets).toHaveLength(7);
  expect(s.buckets.at(-1)).toBe(today());
  expect(s.others).toBeNull();
  const byId = new Map(s.people.map((p) => [p.userId, p]));
  expect(byId.get(ada)).toMatchObject({ name: "Ada Both", status: "member", calls: 2, credits: expected.get(ada) });
  expect(byId.get(bob)).toMatchObject({ name: "Bob Removed", status: "removed", calls: 1, credits: expected.get(bob) });
  expect(byId.get(cyd)).toMatchObject({ name: null, status: "deleted", calls: 1, credits: expected.get(cyd) });
  expect(byId.get(null)).toMatchObject({ name: null, status: "system", calls: 1, credits: expected.get(null) });
  expect(s.people).toHaveLength(4);
  // Most credits first; every person's spending is today's bucket, nothing on the other days.
  expect(s.people.map((p) => p.credits)).toEqual([...s.people.map((p) => p.credits)].sort((x, y) => y - x));
  for (const p of s.people) {
    expect(p.series.at(-1)).toBe(p.credits);
    expect(p.series.slice(0, -1).every((v) => v === 0)).toBe(true);
  }
  const own = [...expected.values()].reduce((n, v) => n + v, 0);
  expect(s.total).toBeCloseTo(own, 2);

  // B sees Ada's B spending only.
  const sb = await readUsageByMember(ctxOf(b, "ADMIN"), q("7"));
  expect(sb.people).toEqual([
    expect.objectContaining({ userId: ada, status: "member", calls: 1, credits: (await costPerUser(b)).get(ada) }),
  ]);
});

test("weeks: Monday buckets clipped to the window, the same totals; a window in the past or future moves the usage", async () => {
  const a = await org();
  const ada = await person("Ada Weeks", [a]);
  await spend(a, ada, "chat", 1500);
  const credits = (await costPerUser(a)).get(ada)!;

  const weeks = await readUsageByMember(ctxOf(a), q("30", "week"));
  expect(weeks.bucket).toBe("week");
  expect(weeks.buckets[0]).toBe(weeks.from);
  for (const b of weeks.buckets.slice(1)) expect(new Date(`${b}T00:00:00Z`).getUTCDay()).toBe(1);
  expect(weeks.buckets.length).toBeGreaterThanOrEqual(5);
  expect(weeks.people[0]!.series.at(-1)).toBe(credits);
  expect(weeks.total).toBe(credits);
  // Above 90 days always per week.
  expect(q("365", "day")).toEqual({ days: 365, bucket: "week" });

  // Three days on, today's usage is the fourth-last day of a 7-day window.
  const later = await readUsageByMember(ctxOf(a), q("7"), { now: new Date(Date.now() + 3 * DAY) });
  expect(later.buckets.indexOf(today())).toBe(3);
  expect(later.people[0]!.series[3]).toBe(credits);
  // Ten days before today: nothing.
  const before = await readUsageByMember(ctxOf(a), q("7"), { now: new Date(Date.now() - 10 * DAY) });
  expect(before).toMatchObject({ people: [], others: null, total: 0 });
  expect(before.buckets).toHaveLength(7);
});

test(`more than ${CHARTED_PEOPLE} people: the rest are summed into one row, nothing lost`, async () => {
  const a = await org();
  const ids: string[] = [];
  for (let i = 0; i < CHARTED_PEOPLE + 2; i++) ids.push(await person(`P${String(i).padStart(2, "0")}`, [a]));
  for (const [i, id] of ids.entries()) await spend(a, id, "chat", 100 + i * 50);
  const s = await readUsageByMember(ctxOf(a), q("7"));
  expect(s.people).toHaveLength(CHARTED_PEOPLE);
  expect(s.others).toMatchObject({ people: 2, calls: 2 });
  const charted = s.people.reduce((n, p) => n + p.credits, 0);
  expect(charted + s.others!.credits).toBeCloseTo(s.total, 2);
  expect(s.others!.series.at(-1)).toBe(s.others!.credits);
});

test("members, viewers and compliance are refused; a bad period in the query string is a field error", async () => {
  const a = await org();
  for (const role of ["MEMBER", "VIEWER", "COMPLIANCE"] as const)
    await expect(readUsageByMember(ctxOf(a, role), q())).rejects.toBeInstanceOf(ForbiddenError);
  const bad = usageByMemberQuerySchema.safeParse({ usageRange: "12", usageBucket: "hour" });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["usageRange", "usageBucket"]);
  expect(q()).toEqual({ days: 30, bucket: "day" });
});
