// The audit trail as CSV, streamed. A tenant can have millions of events, so the export never
// holds more than one page: the stream pulls 2,000 rows (keyset on seq, each page its own
// short tenant transaction, so no transaction stays open while a slow client downloads),
// writes them, and only asks for the next page when the client has taken the last one.
//
// Oldest first, as an investigator reads a trail, and bounded at the newest event that existed
// when the export was asked for: events written while it downloads (including the export's
// own `audit.exported`) are not in it, so the file is one consistent slice of the chain, and
// the hash columns let anyone re-check it. The first page is produced before the response
// starts and a later failure errors the download (lib/csv/paged-stream.ts), so a file that
// arrives complete is complete.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import type { TenantContext } from "@/lib/context/request-context";
import { pagedCsvStream } from "@/lib/csv/paged-stream";
import { CSV_EOL, csvRow } from "@/lib/csv/write";
import { getDb } from "@/lib/db";
import { auditWhere, parseAuditQueryInput } from "./list";
import { activeFilters, type AuditQuery, type AuditQueryInput } from "./schemas";

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "created_at",
  "action",
  "actor_id",
  "actor_name",
  "actor_type",
  "target_type",
  "target_id",
  "request_id",
  "ip",
  "user_agent",
  "data",
  "hash",
  "prev_hash",
] as const;

/** Rows per page: big enough to keep round trips few, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 2_000;

type ExportRow = {
  seq: bigint;
  created_at: Date;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_type: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  data: unknown;
  hash: string;
  prev_hash: string | null;
};

function toCsv(r: ExportRow): string {
  return csvRow([
    r.seq,
    r.created_at,
    r.action,
    r.actor_id,
    r.actor_name,
    r.actor_type,
    r.target_type,
    r.target_id,
    r.request_id,
    r.ip,
    r.user_agent,
    r.data,
    r.hash,
    r.prev_hash,
  ]);
}

/**
 * Records `audit.exported` (with the filters) and returns the CSV as a byte stream. The event
 * is committed before the first byte: an export that was started is on the record even if the
 * download is abandoned.
 */
export async function streamAuditCsv(
  ctx: TenantContext,
  input: AuditQueryInput | AuditQuery,
): Promise<ReadableStream<Uint8Array>> {
  const query = parseAuditQueryInput(input);
  const filters = activeFilters(query);
  const db = await getDb();
  const tenantDb = db.forTenant(ctx);

  const upTo = await tenantDb.$tenantTransaction(async (tx) => {
    const [head] = await tx.$queryRaw<Array<{ seq: bigint | null }>>`
      SELECT max(e.seq) AS seq FROM audit_events e WHERE e.tenant_id = ${ctx.tenantId}::uuid`;
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "audit.exported",
      data: { filters },
    });
    return head?.seq ?? 0n;
  });

  // The same days as the page's filter: the tenant's time zone.
  const where = auditWhere(ctx.tenantId, filters, (await readFormatSettings(ctx.tenantId)).timeZone);
  let after = 0n;
  const nextPage = async () => {
    const rows = await tenantDb.$tenantTransaction(
      (tx) =>
        tx.$queryRaw<ExportRow[]>`
        SELECT e.seq, e.created_at, e.action, e.actor_id, u.name AS actor_name, e.actor_type, e.target_type,
               e.target_id, e.request_id, e.ip, e.user_agent, e.data, e.hash, e.prev_hash
          FROM audit_events e
          LEFT JOIN users u ON u.id = e.actor_id
         WHERE ${where} AND e.seq > ${after.toString()}::bigint AND e.seq <= ${upTo.toString()}::bigint
         ORDER BY e.seq
         LIMIT ${EXPORT_PAGE_SIZE}`,
    );
    const text = rows.map(toCsv).join("");
    if (rows.length > 0) after = rows[rows.length - 1]!.seq;
    return { text, last: rows.length < EXPORT_PAGE_SIZE };
  };

  // The first page is read before the response starts; a later failure errors the download.
  return pagedCsvStream({
    header: AUDIT_CSV_COLUMNS.join(",") + CSV_EOL,
    nextPage,
    log: { request_id: ctx.requestId, tenant_id: ctx.tenantId, user_id: ctx.userId, event: "audit.export_failed" },
    failureMessage: "audit export failed after the download had started: the client sees a failed download",
  });
}
