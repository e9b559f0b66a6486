// The briefing's numbers, all in SQL, for one tenant-local day: the day's bounds are the local
// midnights turned into instants by Postgres (AT TIME ZONE), so a DST day is 23 or 25 hours.
// Cases of soft-deleted citizens are left out, as the cases list leaves them out.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BriefingNumbers } from "./schemas";

/**
 * A category spikes when the day's new cases are at least SPIKE_MIN_CASES and at least
 * SPIKE_FACTOR times its average for the SAME WEEKDAY over the previous four weeks (days −7,
 * −14, −21, −28): casework volume follows the week (Mondays are busy), so comparing a Monday
 * with the overall daily average would flag every Monday.
 */
export const SPIKE_MIN_CASES = 3;
export const SPIKE_FACTOR = 2;
export const SPIKES_MAX = 5;

export async function computeBriefingNumbers(
  ctx: Pick<TenantContext, "tenantId">,
  day: string,
  timeZone: string,
): Promise<BriefingNumbers> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const d = Prisma.sql`${day}::date`;
    const start = Prisma.sql`(${d}::timestamp AT TIME ZONE ${timeZone})`;
    const end = Prisma.sql`((${d} + 1)::timestamp AT TIME ZONE ${timeZone})`;
    const live = Prisma.sql`k.tenant_id = ${ctx.tenantId}::uuid AND c.deleted_at IS NULL`;
    const [totals] = await tx.$queryRaw<Array<{ newCases: number; resolved: number; overdue: number }>>`
      SELECT
        count(*) FILTER (WHERE k.created_at >= ${start} AND k.created_at < ${end})::int AS "newCases",
        count(*) FILTER (WHERE k.resolved_at >= ${start} AND k.resolved_at < ${end})::int AS "resolved",
        count(*) FILTER (WHERE k.status IN ('OPEN', 'IN_PROGRESS', 'WAITING') AND k.due_at < ${end})::int AS "overdue"
      FROM cases k JOIN citizens c ON c.tenant_id = k.tenant_id AND c.id = k.citizen_id
      WHERE ${live}`;
    const spikes = await tx.$queryRaw<Array<{ category: string; count: number; average: number }>>`
      WITH per_category AS (
        SELECT k.category,
          count(*) FILTER (WHERE k.created_at >= ${start} AND k.created_at < ${end}) AS today,
          count(*) FILTER (
            WHERE (k.created_at AT TIME ZONE ${timeZone})::date IN (${d} - 7, ${d} - 14, ${d} - 21, ${d} - 28)
          ) AS prior
        FROM cases k JOIN citizens c ON c.tenant_id = k.tenant_id AND c.id = k.citizen_id
        WHERE ${live} AND k.category IS NOT NULL
          AND k.created_at >= ((${d} - 28)::timestamp AT TIME ZONE ${timeZone}) AND k.created_at < ${end}
        GROUP BY k.category
      )
      SELECT category, today::int AS count, round(prior / 4.0, 1)::float8 AS average
      FROM per_category
      WHERE today >= ${SPIKE_MIN_CASES} AND today >= ${SPIKE_FACTOR} * prior / 4.0
      ORDER BY today DESC, category
      LIMIT ${SPIKES_MAX}`;
    return { day, timeZone, ...totals!, spikes };
  });
}
