// The numbers on the tenant's home page. One interactive transaction so every figure comes
// from the same snapshot and the tenant is set once for all of them.
import "server-only";
import { getDb } from "@/lib/db";
import type { TenantContext } from "@/lib/context/request-context";
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import type { DashboardSummary } from "./types";
import { formatName } from "@/lib/format/format";

const OPEN_STATUSES: CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING"];
const ALL_STATUSES: CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"];
const DAYS = 14;

export async function getDashboardSummary(ctx: TenantContext, now = new Date()): Promise<DashboardSummary> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const since = new Date(now);
    since.setUTCHours(0, 0, 0, 0);
    since.setUTCDate(since.getUTCDate() - (DAYS - 1));

    // Not count(*): at a million citizens that reads the whole tenant (~1.1 s measured). The
    // trigger-kept per-name counts (citizen_names) add up to the same number in a few ms.
    const [{ citizens }] = await tx.$queryRaw<[{ citizens: number }]>`
      SELECT coalesce(sum(citizens), 0)::int AS citizens FROM citizen_names WHERE tenant_id = ${ctx.tenantId}::uuid`;
    const byStatus = await tx.case.groupBy({ by: ["status"], _count: { _all: true } });
    const overdueCases = await tx.case.count({ where: { status: { in: OPEN_STATUSES }, dueAt: { lt: now } } });
    const recent = await tx.case.findMany({
      where: { citizen: { deletedAt: null } },
      orderBy: { createdAt: "desc" },
      take: 8,
      select: {
        id: true,
        title: true,
        status: true,
        priority: true,
        createdAt: true,
        dueAt: true,
        citizen: { select: { firstName: true, lastName: true } },
      },
    });
    const perDay = await tx.$queryRaw<Array<{ day: string; count: number }>>`
      SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS count
      FROM cases
      WHERE tenant_id = ${ctx.tenantId}::uuid AND created_at >= ${since}
      GROUP BY 1`;

    // What happened lately: the newest timeline entries across the tenant's cases.
    const activity = await tx.$queryRaw<
      Array<{
        id: string;
        kind: string;
        to_status: CaseStatus | null;
        created_at: Date;
        case_id: string;
        title: string;
        author: string | null;
      }>
    >`
      SELECT e.id, e.kind::text AS kind, e.to_status, e.created_at, k.id AS case_id, k.title, u.name AS author
        FROM case_events e
        JOIN cases k ON k.tenant_id = e.tenant_id AND k.id = e.case_id
        LEFT JOIN users u ON u.id = e.author_id
       WHERE e.tenant_id = ${ctx.tenantId}::uuid
       ORDER BY e.created_at DESC
       LIMIT 8`;

    const casesByStatus = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
    for (const row of byStatus) casesByStatus[row.status] = row._count._all;

    const counts = new Map(perDay.map((r) => [r.day, Number(r.count)]));
    const casesPerDay = Array.from({ length: DAYS }, (_, i) => {
      const d = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      return { day: d, count: counts.get(d) ?? 0 };
    });

    return {
      citizens,
      openCases: OPEN_STATUSES.reduce((n, s) => n + casesByStatus[s], 0),
      overdueCases,
      casesByStatus,
      casesPerDay,
      recentActivity: activity.map((a) => ({
        id: a.id,
        kind: a.kind,
        toStatus: a.to_status,
        at: a.created_at,
        caseId: a.case_id,
        caseTitle: a.title,
        author: a.author,
      })),
      recentCases: recent.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        priority: c.priority,
        createdAt: c.createdAt,
        dueAt: c.dueAt,
        citizenName: formatName(c.citizen),
      })),
    };
  });
}
