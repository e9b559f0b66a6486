// The billing page's "credits per person over time": credits spent per staff member per UTC day
// or week over the chosen range, summed in SQL from the usage table's generated cost_credits
// column (the price snapshot of each call). Owners and admins only (billing.read), in a tenant
// transaction (RLS underneath, and the tenant id in every condition). Each person says what they
// are now: a member (direct, or reaching this tenant through a parent's inheriting membership
// that is not blocked here), a removed member (the account exists, the access does not), a
// deleted account (usage keeps its user id, the users row is gone), or background work (no user).
import "server-only";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { inheritedMembersOf } from "@/lib/tenants/inheritance";
import type { UsageBucket, UsageByMemberQuery } from "./schemas";

/** People charted one by one; the rest are summed into one "everyone else" row. */
export const CHARTED_PEOPLE = 8;

export type PersonStatus = "member" | "removed" | "deleted" | "system";

export type PersonUsage = {
  /** The user id, or null for background work (jobs, bulk runs without a person). */
  userId: string | null;
  name: string | null;
  status: PersonStatus;
  credits: number;
  calls: number;
  /** Credits per bucket, aligned with `UsageByMember.buckets`. */
  series: number[];
};

export type UsageByMember = {
  bucket: UsageBucket;
  /** First and last day of the window (UTC, inclusive). */
  from: string;
  to: string;
  /** Each bucket's first day inside the window (a week's first bucket may start mid-week). */
  buckets: string[];
  people: PersonUsage[];
  /** The people after the first CHARTED_PEOPLE, summed; null when there are none. */
  others: { people: number; credits: number; calls: number; series: number[] } | null;
  total: number;
};

type Row = {
  userId: string | null;
  bucket: string;
  credits: number;
  calls: number;
  name: string | null;
  accountExists: boolean;
  directMember: boolean;
};

const DAY = 86_400_000;
const round = (n: number) => Math.round(n * 100) / 100;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Bucket starts from `first` (inclusive) to `end` (exclusive): days, or ISO weeks (Monday) clipped to the window. */
function bucketStarts(first: Date, end: Date, bucket: UsageBucket): string[] {
  const out: string[] = [];
  for (let t = first.getTime(); t < end.getTime(); t += DAY) {
    const d = new Date(t);
    if (bucket === "day" || t === first.getTime() || d.getUTCDay() === 1) out.push(iso(d));
  }
  return out;
}

export async function readUsageByMember(
  ctx: TenantContext,
  query: UsageByMemberQuery,
  options: { now?: Date } = {},
): Promise<UsageByMember> {
  if (!can(ctx.role, "billing.read")) throw new ForbiddenError("Only owners and admins see the organisation's usage");
  const days = Math.min(Math.max(Math.trunc(query.days), 1), 366);
  const today = new Date(options.now ?? Date.now());
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1)));
  const end = new Date(first.getTime() + days * DAY);
  const unit = query.bucket === "week" ? "week" : "day";
  const db = await getDb();
  const { rows, inherited } = await db.forTenant(ctx).$tenantTransaction(async (tx) => ({
    // GREATEST: the first week starts at the window's first day, not the Monday before it.
    rows: await tx.$queryRaw<Row[]>`
      WITH per AS (
        SELECT u.user_id,
               GREATEST(date_trunc(${unit}, u.created_at AT TIME ZONE 'UTC')::date, ${iso(first)}::date) AS bucket,
               SUM(u.cost_credits)::float8 AS credits, count(*)::int AS calls
          FROM ai_usage u
         WHERE u.tenant_id = ${ctx.tenantId}::uuid
           AND u.created_at >= ${first}::timestamptz AND u.created_at < ${end}::timestamptz
         GROUP BY 1, 2
      )
      SELECT per.user_id AS "userId", to_char(per.bucket, 'YYYY-MM-DD') AS bucket, per.credits, per.calls,
             s.name, (s.id IS NOT NULL) AS "accountExists",
             EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = ${ctx.tenantId}::uuid AND m.user_id = per.user_id) AS "directMember"
        FROM per LEFT JOIN users s ON s.id = per.user_id`,
    inherited: await inheritedMembersOf(tx, ctx.tenantId),
  }));
  const reaching = new Set(inherited.filter((m) => !m.blocked).map((m) => m.userId));
  const buckets = bucketStarts(first, end, query.bucket);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const byPerson = new Map<string, PersonUsage>();
  for (const r of rows) {
    const key = r.userId ?? "";
    let p = byPerson.get(key);
    if (!p) {
      const status: PersonStatus = !r.userId
        ? "system"
        : !r.accountExists
          ? "deleted"
          : r.directMember || reaching.has(r.userId)
            ? "member"
            : "removed";
      p = {
        userId: r.userId,
        name: r.accountExists ? r.name : null,
        status,
        credits: 0,
        calls: 0,
        series: buckets.map(() => 0),
      };
      byPerson.set(key, p);
    }
    const i = index.get(r.bucket);
    if (i === undefined) continue;
    p.series[i] = round(p.series[i]! + r.credits);
    p.credits += r.credits;
    p.calls += r.calls;
  }
  const people = [...byPerson.values()]
    .map((p) => ({ ...p, credits: round(p.credits) }))
    .sort((a, b) => b.credits - a.credits || (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff"));
  const rest = people.slice(CHARTED_PEOPLE);
  return {
    bucket: query.bucket,
    from: iso(first),
    to: iso(new Date(end.getTime() - DAY)),
    buckets,
    people: people.slice(0, CHARTED_PEOPLE),
    others: rest.length
      ? {
          people: rest.length,
          credits: round(rest.reduce((n, p) => n + p.credits, 0)),
          calls: rest.reduce((n, p) => n + p.calls, 0),
          series: buckets.map((_, i) => round(rest.reduce((n, p) => n + p.series[i]!, 0))),
        }
      : null,
    total: round(people.reduce((n, p) => n + p.credits, 0)),
  };
}
