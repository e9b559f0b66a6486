// An import's staged rows that look like existing citizens (the validation report's "Looks like
// an existing citizen", with a link): the same finder as the refresh and the create-time check
// (candidates-sql.ts), over the staged rows before they are citizens, so a row is flagged when
// its pair would score as a candidate once imported. Each row keeps its best match. A row
// that repeats an earlier line of the file is found by the import itself (validate.ts); a row
// that matches an existing citizen is reported as that, not as the repeat.
import "server-only";
import type { TenantDb } from "@/lib/db/tenant-extension";
import { duplicateCandidatesSql } from "./candidates-sql";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

/**
 * Sets duplicate_of on lines `fromLine`..`toLine` of the job (already written to import_rows,
 * in this transaction) and returns how many of those lines are duplicates of either kind.
 */
export async function markImportDuplicates(
  tx: Tx,
  tenantId: string,
  jobId: string,
  fromLine: number,
  toLine: number,
): Promise<number> {
  await tx.$executeRaw`
    UPDATE import_rows r SET duplicate_of = m.b, data = r.data - 'duplicateOfLine'
      FROM (SELECT DISTINCT ON (s.a) s.a, s.b
              FROM (${duplicateCandidatesSql(tenantId, { kind: "staged", jobId, fromLine, toLine })}) s
             ORDER BY s.a, s.score DESC, s.b) m
     WHERE r.tenant_id = ${tenantId}::uuid AND r.id = m.a`;
  const [row] = await tx.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM import_rows r
     WHERE r.tenant_id = ${tenantId}::uuid AND r.job_id = ${jobId}::uuid AND r.line BETWEEN ${fromLine}::int AND ${toLine}::int
       AND r.data IS NOT NULL AND (r.duplicate_of IS NOT NULL OR r.data ? 'duplicateOfLine')`;
  return row?.n ?? 0;
}
