// What the billing page's usage charts show: credits spent per UTC day and per AI feature over
// the last `days` days, and per staff member, summed from the usage table's generated
// cost_credits column (the price snapshot of each call, so a later price change never rewrites
// history). Read in a tenant transaction (RLS underneath, and the tenant id in every condition).
import "server-only";
import { getDb } from "@/lib/db";

export const USAGE_DAYS = 30;

export type UsageSummary = {
  /** Every day of the window, oldest first, 0 where nothing was spent. */
  days: Array<{ day: string; credits: number }>;
  features: Array<{ feature: string; credits: number; calls: number }>;
  users: Array<{ userId: string | null; name: string | null; credits: number; calls: number }>;
  total: number;
};

const round = (n: number) => Math.round(n * 100) / 100;

export async function readUsageSummary(
  ctx: { tenantId: string },
  options: { days?: number; now?: Date } = {},
): Promise<UsageSummary> {
  const days = Math.min(Math.max(options.days ?? USAGE_DAYS, 1), 366);
  const today = new Date(options.now ?? Date.now());
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1)));
  const end = new Date(first.getTime() + days * 86_400_000);
  const db = await getDb();
  const { perDay, perFeature, perUser } = await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    // One after the other: a transaction is one connection.
    const perDay = await tx.$queryRaw<{ day: string; credits: number }[]>`
      SELECT to_char((u.created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, SUM(u.cost_credits)::float8 AS credits
      FROM ai_usage u WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.created_at >= ${first}::timestamptz AND u.created_at < ${end}::timestamptz
      GROUP BY 1`;
    const perFeature = await tx.$queryRaw<{ feature: string; credits: number; calls: number }[]>`
      SELECT u.feature, SUM(u.cost_credits)::float8 AS credits, count(*)::int AS calls
      FROM ai_usage u WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.created_at >= ${first}::timestamptz AND u.created_at < ${end}::timestamptz
      GROUP BY u.feature ORDER BY 2 DESC, 1`;
    const perUser = await tx.$queryRaw<
      { userId: string | null; name: string | null; credits: number; calls: number }[]
    >`
      SELECT u.user_id AS "userId", s.name, SUM(u.cost_credits)::float8 AS credits, count(*)::int AS calls
      FROM ai_usage u LEFT JOIN users s ON s.id = u.user_id
      WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.created_at >= ${first}::timestamptz AND u.created_at < ${end}::timestamptz
      GROUP BY u.user_id, s.name ORDER BY 3 DESC, 2 LIMIT 10`;
    return { perDay, perFeature, perUser };
  });
  const byDay = new Map(perDay.map((d) => [d.day, d.credits]));
  const series = Array.from({ length: days }, (_, i) => {
    const day = new Date(first.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { day, credits: round(byDay.get(day) ?? 0) };
  });
  return {
    days: series,
    features: perFeature.map((f) => ({ ...f, credits: round(f.credits) })),
    users: perUser.map((u) => ({ ...u, credits: round(u.credits) })),
    total: round(perFeature.reduce((n, f) => n + f.credits, 0)),
  };
}
