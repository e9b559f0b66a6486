// The cases list: keyset pagination by creation date (or due date), filters for status (incl.
// "open" and "overdue"), priority, assignee, citizen, category, created range and a title
// search. Indexes: (tenant, status, created), (tenant, created), (tenant, assignee, status),
// (tenant, due), (tenant, citizen, created).
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { tenantQuery } from "@/lib/db/tenant-read";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CasePriority, CaseStatus } from "@/lib/generated/prisma/enums";
import { decodeCursor, encodeCursor } from "@/lib/citizens/list-cursor";
import type { CaseListQuery } from "./schemas";

export type CaseListItem = {
  id: string;
  title: string;
  category: string | null;
  status: CaseStatus;
  priority: CasePriority;
  dueAt: Date | null;
  createdAt: Date;
  version: number;
  citizenId: string;
  citizenName: string;
  assigneeId: string | null;
  assigneeName: string | null;
};

type Row = {
  id: string;
  title: string;
  category: string | null;
  status: CaseStatus;
  priority: CasePriority;
  due_at: Date | null;
  created_at: Date;
  version: number;
  citizen_id: string;
  first_name: string;
  last_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
};

const SORTS = {
  newest: { order: Prisma.sql`k.created_at DESC, k.id DESC`, key: "created_at", cmp: "<" },
  oldest: { order: Prisma.sql`k.created_at ASC, k.id ASC`, key: "created_at", cmp: ">" },
  due: { order: Prisma.sql`k.due_at ASC, k.id ASC`, key: "due_at", cmp: ">" },
} as const;

/**
 * How close a title must be for the similar-titles fallback (pg_trgm word similarity, 0..1):
 * at 0.4 "stret light" finds "Broken street light" and not "Noise complaint" (tests/integration/cases.test.ts).
 */
export const SIMILAR_TITLE_THRESHOLD = "0.4";

export function casePageSql(
  ctx: Pick<TenantContext, "tenantId" | "userId">,
  query: CaseListQuery,
  /** timeZone: the tenant's, for days when the query names no `tz` of its own. */
  options: { similarTitles?: boolean; timeZone: string },
): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`k.tenant_id = ${ctx.tenantId}::uuid`, Prisma.sql`c.deleted_at IS NULL`];
  if (query.status === "open") where.push(Prisma.sql`k.status IN ('OPEN', 'IN_PROGRESS', 'WAITING')`);
  else if (query.status === "overdue")
    where.push(Prisma.sql`k.status IN ('OPEN', 'IN_PROGRESS', 'WAITING') AND k.due_at < now()`);
  else if (query.status) where.push(Prisma.sql`k.status = ${query.status}::"CaseStatus"`);
  if (query.priority) where.push(Prisma.sql`k.priority = ${query.priority}::"CasePriority"`);
  if (query.assignee === "me") where.push(Prisma.sql`k.assignee_id = ${ctx.userId}::uuid`);
  else if (query.assignee === "none") where.push(Prisma.sql`k.assignee_id IS NULL`);
  else if (query.assignee) where.push(Prisma.sql`k.assignee_id = ${query.assignee}::uuid`);
  if (query.citizenId) where.push(Prisma.sql`k.citizen_id = ${query.citizenId}::uuid`);
  if (query.category) where.push(Prisma.sql`k.category = ${query.category}`);
  if (query.q && options.similarTitles) where.push(Prisma.sql`${query.q} <% k.title`);
  else if (query.q) where.push(Prisma.sql`k.title ILIKE ${`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  // A day's bounds are its local midnights in the query's zone (a briefing link names its own),
  // else the tenant's — the zone the list shows dates in — turned into instants by Postgres (the
  // briefing counts with the same expression), so a DST day is 23 or 25 hours.
  const tz = query.tz ?? options.timeZone;
  const dayStart = (day: string, plus: number) =>
    Prisma.sql`((${day}::date + ${plus}::int)::timestamp AT TIME ZONE ${tz})`;
  if (query.createdFrom) where.push(Prisma.sql`k.created_at >= ${dayStart(query.createdFrom, 0)}`);
  if (query.createdTo) where.push(Prisma.sql`k.created_at < ${dayStart(query.createdTo, 1)}`);
  if (query.resolvedFrom) where.push(Prisma.sql`k.resolved_at >= ${dayStart(query.resolvedFrom, 0)}`);
  if (query.resolvedTo) where.push(Prisma.sql`k.resolved_at < ${dayStart(query.resolvedTo, 1)}`);
  const sort = SORTS[query.sort];
  if (query.sort === "due") where.push(Prisma.sql`k.due_at IS NOT NULL`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ["date", "uuid"]);
    where.push(
      Prisma.sql`(${Prisma.raw(`k.${sort.key}`)}, k.id) ${Prisma.raw(sort.cmp)} (${new Date(at!)}::timestamptz, ${id}::uuid)`,
    );
  }
  return Prisma.sql`
    SELECT k.id, k.title, k.category, k.status, k.priority, k.due_at, k.created_at, k.version, k.citizen_id,
           c.first_name, c.last_name, k.assignee_id, u.name AS assignee_name
      FROM cases k
      JOIN citizens c ON c.tenant_id = k.tenant_id AND c.id = k.citizen_id
      LEFT JOIN users u ON u.id = k.assignee_id
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${options.similarTitles ? Prisma.sql`word_similarity(${query.q}, k.title) DESC, ${sort.order}` : sort.order}
     LIMIT ${query.limit + 1}`;
}

export async function listCases(
  ctx: Pick<TenantContext, "tenantId" | "userId">,
  query: CaseListQuery,
  /** The tenant's time zone when the caller has it (the page does); else read here. */
  knownTimeZone?: string,
): Promise<{ items: CaseListItem[]; nextCursor: string | null; similarTitles: boolean }> {
  const timeZone = knownTimeZone ?? (await readFormatSettings(ctx.tenantId)).timeZone;
  // One round trip through both walls (lib/db/tenant-read.ts), as for the citizens list.
  let rows = await tenantQuery<Row>(ctx.tenantId, casePageSql(ctx, query, { timeZone }));
  // A title search that finds nothing (a typo: "stret light") shows the most similar titles
  // instead, said so on the page; one page of them, best first, no cursor.
  let similarTitles = false;
  if (query.q && !query.cursor && rows.length === 0) {
    const similar = await tenantQuery<Row>(ctx.tenantId, casePageSql(ctx, query, { similarTitles: true, timeZone }), {
      settings: { "pg_trgm.word_similarity_threshold": SIMILAR_TITLE_THRESHOLD },
    });
    if (similar.length) [rows, similarTitles] = [similar, true];
  }
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const sortKey = SORTS[query.sort].key;
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      status: r.status,
      priority: r.priority,
      dueAt: r.due_at,
      createdAt: r.created_at,
      version: r.version,
      citizenId: r.citizen_id,
      citizenName: `${r.first_name} ${r.last_name}`,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
    })),
    similarTitles,
    nextCursor:
      !similarTitles && more && last
        ? encodeCursor([(sortKey === "due_at" ? last.due_at! : last.created_at).toISOString(), last.id])
        : null,
  };
}
