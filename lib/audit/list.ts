// Reading a tenant's audit trail for the viewer and the JSON API: filtered, newest first,
// keyset pages on `seq` (stable while new events arrive, and as fast on page 10,000 as on
// page 1, unlike OFFSET).
//
// Raw SQL because AuditEvent has a composite key (id, created_at) over a partitioned table
// and we join the actor's name. It runs inside `$tenantTransaction`, so row-level security
// applies, and still says `tenant_id = …` itself: that is what lets PostgreSQL use the
// (tenant_id, seq), (tenant_id, action, created_at) and (tenant_id, created_at) indexes, and
// the created_at bounds of a date filter prune the monthly partitions.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { parseInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditQuerySchema, type AuditFilters, type AuditQuery, type AuditQueryInput } from "./schemas";

export type AuditEventRow = {
  id: string;
  /** bigint in the database; a string so it survives JSON and the server/client boundary. */
  seq: string;
  createdAt: Date;
  action: string;
  actorId: string | null;
  /** The actor's current name; null for system events and deleted users. */
  actorName: string | null;
  actorType: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type AuditPage = { events: AuditEventRow[]; nextCursor: string | null };

/** Parses with the shared schema; a bad value is a ValidationError (400 / field errors), never a 500. */
export function parseAuditQueryInput(input: AuditQueryInput | AuditQuery): AuditQuery {
  return parseInput(auditQuerySchema, input, "Some filters are not valid");
}

/** LIKE treats `_` and `%` as wildcards; actions contain `_` (`member.role_changed`). */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause shared by the list and the CSV export (alias `e` for audit_events). `from`
 * and `to` (inclusive) are calendar days in `timeZone`, the tenant's: the zone the log's times
 * are shown in.
 */
export function auditWhere(tenantId: string, filters: Partial<AuditFilters>, timeZone: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`e.tenant_id = ${tenantId}::uuid`];
  const { action, actorId, targetType, targetId, from, to } = filters;
  if (action?.endsWith(".")) parts.push(Prisma.sql`e.action LIKE ${`${escapeLike(action)}%`}`);
  else if (action) parts.push(Prisma.sql`e.action = ${action}`);
  if (actorId) parts.push(Prisma.sql`e.actor_id = ${actorId}::uuid`);
  if (targetType) parts.push(Prisma.sql`e.target_type = ${targetType}`);
  if (targetId) parts.push(Prisma.sql`e.target_id = ${targetId}`);
  if (from) parts.push(Prisma.sql`e.created_at >= (${from}::date)::timestamp AT TIME ZONE ${timeZone}`);
  if (to) parts.push(Prisma.sql`e.created_at < (${to}::date + 1)::timestamp AT TIME ZONE ${timeZone}`);
  return Prisma.join(parts, " AND ");
}

type ListRow = {
  id: string;
  seq: bigint;
  created_at: Date;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_type: string;
  target_type: string | null;
  target_id: string | null;
  data: unknown;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
};

export async function listAuditEvents(ctx: TenantContext, input: AuditQueryInput | AuditQuery): Promise<AuditPage> {
  const query = parseAuditQueryInput(input);
  const before = query.cursor ? Prisma.sql`AND e.seq < ${query.cursor}::bigint` : Prisma.empty;
  const { timeZone } = await readFormatSettings(ctx.tenantId);
  const db = await getDb();
  const rows = await db.forTenant(ctx).$tenantTransaction(
    (tx) =>
      tx.$queryRaw<ListRow[]>`
      SELECT e.id, e.seq, e.created_at, e.action, e.actor_id, u.name AS actor_name, e.actor_type,
             e.target_type, e.target_id, e.data, e.request_id, e.ip, e.user_agent
        FROM audit_events e
        LEFT JOIN users u ON u.id = e.actor_id
       WHERE ${auditWhere(ctx.tenantId, query, timeZone)} ${before}
       ORDER BY e.seq DESC
       LIMIT ${query.limit + 1}`, // one extra row says whether there is an older page
  );
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      seq: r.seq.toString(),
      createdAt: r.created_at,
      action: r.action,
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorType: r.actor_type,
      targetType: r.target_type,
      targetId: r.target_id,
      data: r.data,
      requestId: r.request_id,
      ip: r.ip,
      userAgent: r.user_agent,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.seq.toString() ?? null) : null,
  };
}

const ACTIONS_CAP = 200;

/**
 * The actions this tenant's trail contains, for the filter drop-down. A recursive "loose index
 * scan" over (tenant_id, action, created_at): one index probe per distinct action instead of
 * reading every event, so it stays instant with millions of rows and a few dozen actions.
 */
export async function listAuditActions(ctx: TenantContext): Promise<string[]> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).$tenantTransaction(
    (tx) =>
      tx.$queryRaw<Array<{ action: string }>>`
      WITH RECURSIVE actions AS (
        (SELECT e.action FROM audit_events e WHERE e.tenant_id = ${ctx.tenantId}::uuid ORDER BY e.action LIMIT 1)
        UNION ALL
        SELECT (SELECT e.action FROM audit_events e
                 WHERE e.tenant_id = ${ctx.tenantId}::uuid AND e.action > a.action
                 ORDER BY e.action LIMIT 1)
          FROM actions a
         WHERE a.action IS NOT NULL
      )
      SELECT action FROM actions WHERE action IS NOT NULL LIMIT ${ACTIONS_CAP}`,
  );
  return rows.map((r) => r.action);
}
