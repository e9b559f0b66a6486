// Reading an import: the job (status and counters, which the progress bar polls) and the
// validation report (invalid rows and duplicates), a page at a time. Another tenant's job id
// is simply not found: both walls hide it.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { ImportJob } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { showCells, type StoredCells } from "./cells";
import type { ImportJobView, ImportMapping, ImportReportRow, ImportRowsQuery } from "./schemas";

export function toJobView(job: ImportJob): ImportJobView {
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    mapping: job.mapping as ImportMapping,
    totalRows: job.totalRows,
    validRows: job.validRows,
    invalidRows: job.invalidRows,
    duplicates: job.duplicates,
    importedRows: job.importedRows,
    error: job.error,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export async function getImportJob(ctx: Pick<TenantContext, "tenantId">, jobId: string): Promise<ImportJobView> {
  const db = await getDb();
  const job = await db
    .forTenant(ctx)
    .importJob.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: jobId } } });
  if (!job) throw new NotFoundError("Import not found");
  return toJobView(job);
}

type ReportRow = {
  line: number;
  errors: Record<string, string[]> | null;
  duplicate_of: string | null;
  duplicate_of_line: number | null;
  name: string | null;
  cells: StoredCells | null;
};

export async function listImportRows(
  ctx: Pick<TenantContext, "tenantId">,
  jobId: string,
  query: ImportRowsQuery,
): Promise<{ rows: ImportReportRow[]; nextCursor: string | null }> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const job = await tx.importJob.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: jobId } },
      select: { id: true },
    });
    if (!job) throw new NotFoundError("Import not found");
    const kind =
      query.kind === "invalid"
        ? Prisma.sql`r.data IS NULL`
        : Prisma.sql`r.data IS NOT NULL AND (r.duplicate_of IS NOT NULL OR r.data->'duplicateOfLine' IS NOT NULL)`;
    // Walks the (tenant_id, job_id, line) index from the cursor; the encrypted columns in
    // `data` never leave the database, only the name that helps recognise a duplicate. An
    // invalid row's cells are decrypted here and leave masked but for the field in error.
    return tx.$queryRaw<ReportRow[]>`
      SELECT r.line, r.errors, r.duplicate_of::text AS duplicate_of, (r.data->>'duplicateOfLine')::int AS duplicate_of_line,
             CASE WHEN r.data IS NULL THEN NULL ELSE concat_ws(' ', r.data->>'firstName', r.data->>'lastName') END AS name,
             r.cells
        FROM import_rows r
       WHERE r.tenant_id = ${ctx.tenantId}::uuid AND r.job_id = ${jobId}::uuid AND r.line > ${query.cursor ?? 0}
         AND ${kind}
       ORDER BY r.line
       LIMIT ${query.limit + 1}`;
  });
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit).map((r) => ({
    line: r.line,
    errors: r.errors,
    duplicateOf: r.duplicate_of,
    duplicateOfLine: r.duplicate_of_line,
    name: r.name,
    cells: showCells(ctx.tenantId, r.cells, Object.keys(r.errors ?? {})),
  }));
  return { rows: page, nextCursor: more ? String(page[page.length - 1]!.line) : null };
}
