// The filtered credit ledger as CSV, streamed a page at a time (each page its own short tenant
// transaction), newest first like the page, bounded at the moment the export was asked for so
// the file is one consistent slice. Cells go through lib/csv's formula guard (a reason such as
// `=HYPERLINK(…)` is text in the spreadsheet). Recorded as `credits.ledger_exported` with the
// filters before the first byte; bad filters are a field error before anything is recorded.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { pagedCsvStream } from "@/lib/csv/paged-stream";
import { CSV_EOL, csvRow } from "@/lib/csv/write";
import { getDb } from "@/lib/db";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { parseInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { activeLedgerFilters, ledgerQuerySchema, type LedgerQueryInput } from "./ledger-schemas";
import { LEDGER_SELECT, ledgerWhere, type LedgerEntryView } from "./list-ledger-entries";

export const LEDGER_CSV_COLUMNS = ["created_at", "kind", "feature", "credits", "reason", "actor_type", "request_id"];
export const LEDGER_EXPORT_PAGE_SIZE = 2_000;

const toCsv = (e: LedgerEntryView) =>
  csvRow([e.createdAt, e.kind, e.feature, e.delta, e.reason, e.actorType, e.requestId]);

export async function streamLedgerCsv(
  ctx: TenantContext,
  raw: LedgerQueryInput,
  pageSize = LEDGER_EXPORT_PAGE_SIZE,
): Promise<ReadableStream<Uint8Array>> {
  const query = parseInput(ledgerQuerySchema, raw, "The ledger filters are not valid");
  const filters = activeLedgerFilters(query);
  // The same days as the page's filter: the tenant's time zone.
  const { timeZone } = await readFormatSettings(ctx.tenantId);
  const db = await getDb();
  const tenantDb = db.forTenant(ctx);
  const upTo = await tenantDb.$tenantTransaction(async (tx) => {
    await recordAudit(tx, { tenantId: ctx.tenantId, action: "credits.ledger_exported", data: { filters } });
    const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    return row!.now;
  });
  let after: { at: Date; id: string } | undefined;
  const nextPage = async () => {
    const rows = await tenantDb.$tenantTransaction(
      (tx) => tx.$queryRaw<LedgerEntryView[]>`
        ${LEDGER_SELECT}
        WHERE ${ledgerWhere(ctx.tenantId, filters, after, timeZone)} AND l.created_at <= ${upTo}::timestamptz
        ORDER BY l.created_at DESC, l.id DESC
        LIMIT ${Prisma.raw(String(pageSize))}`,
    );
    const last = rows.at(-1);
    if (last) after = { at: last.createdAt, id: last.id };
    return { text: rows.map(toCsv).join(""), last: rows.length < pageSize };
  };
  return pagedCsvStream({
    header: LEDGER_CSV_COLUMNS.join(",") + CSV_EOL,
    nextPage,
    log: { request_id: ctx.requestId, tenant_id: ctx.tenantId, user_id: ctx.userId, event: "credits.export_failed" },
    failureMessage: "ledger export failed after the download had started: the client sees a failed download",
  });
}
