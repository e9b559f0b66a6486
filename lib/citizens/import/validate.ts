// Step one of an import: stream the uploaded CSV through validation into staging rows.
//
// The file is read record by record (csv-read.ts) and never held whole; rows are validated
// with the citizen form's rules, encrypted, checked for duplicates and written to import_rows
// 1,000 at a time, each batch in its own short tenant transaction that also bumps the job's
// counters, so the progress bar can poll them. Duplicates are rows that look like an existing
// citizen (the duplicate finder over the staged batch, lib/citizens/duplicates: the same score
// as the review queue's) or that share an email, national ID, or name + date of birth with an
// earlier row of the same file (a map of keys seen so far: the one thing that grows with the
// file, ~200 bytes a row).
//
// Nothing reaches `citizens` here: that is commit.ts, in one transaction, after the user has
// seen the report.
import "server-only";
import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { AppError, ConflictError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { listCustomFields } from "../custom-fields";
import { markImportDuplicates } from "../duplicates/mark-import-duplicates";
import type { CustomFieldDef } from "../custom-field-values";
import { openCsv, type CsvReader, type CsvSource } from "./csv-read";
import { isClientAbort, UPLOAD_ABORTED_MESSAGE } from "./request-body";
import { getImportJob, toJobView } from "./jobs";
import { assertCustomTargets, isBlankRecord, planColumns, validateRow, type ColumnPlan, type RowResult } from "./row";
import { MAX_IMPORT_BYTES, type ImportJobView, type ImportMapping, type ImportUploadInput } from "./schemas";

/** Rows per staging transaction. */
export const IMPORT_BATCH_SIZE = 1_000;

type Counters = { totalRows: number; validRows: number; invalidRows: number; duplicates: number };

/** Thrown inside a batch transaction when the job was cancelled meanwhile: rolls the batch back. */
class JobCancelled extends Error {}

/**
 * Validates `body` (the CSV: header row, then one citizen per row) into a new import job and
 * returns the job once every row is staged. `expectedBytes` (the request's Content-Length)
 * catches a body cut short on the way: a partial file must not pass as a complete one.
 */
export async function validateImport(
  ctx: TenantContext,
  input: ImportUploadInput,
  body: CsvSource,
  options: { expectedBytes?: number; signal?: AbortSignal } = {},
): Promise<ImportJobView> {
  const defs = await listCustomFields(ctx);
  assertCustomTargets(input.mapping, defs);
  if (options.expectedBytes !== undefined && options.expectedBytes > MAX_IMPORT_BYTES) throw tooLarge();

  const db = await getDb();
  const job = await db
    .forTenant(ctx)
    .importJob.create({
      data: {
        ...(input.jobId ? { id: input.jobId } : {}),
        tenantId: ctx.tenantId,
        userId: ctx.userId,
        fileName: input.fileName,
        mapping: input.mapping,
        status: "VALIDATING",
      },
    })
    .catch((err: unknown) => {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
        throw new ConflictError("This import id is already in use: start the upload again");
      throw err;
    });

  const reader = openCsv(body, { maxBytes: MAX_IMPORT_BYTES });
  try {
    const counters = await stageRows(ctx, job.id, reader, input.mapping, defs);
    if (counters === "cancelled") return await getImportJob(ctx, job.id);
    if (options.expectedBytes !== undefined && reader.bytesRead() !== options.expectedBytes) {
      throw new ValidationError(
        `The upload was cut short (${reader.bytesRead()} of ${options.expectedBytes} bytes arrived): nothing was kept, upload the file again`,
        { file: ["Incomplete upload"] },
      );
    }
    return await db.forTenant(ctx).$tenantTransaction(async (tx) => {
      const { count } = await tx.importJob.updateMany({
        where: { id: job.id, status: "VALIDATING" },
        data: { status: "VALIDATED" },
      });
      if (count === 1) {
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          action: "citizen.import_validated",
          targetType: "import_job",
          targetId: job.id,
          data: { fileName: input.fileName, ...counters },
        });
      }
      return toJobView(
        await tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ctx.tenantId, id: job.id } } }),
      );
    });
  } catch (err) {
    reader.close();
    if (isClientAbort(err, options.signal)) {
      // Closing the tab mid-upload is an everyday event, not a server failure (issue #13: it
      // logged an error with a stack each time): one info line, the job failed and its
      // staged rows removed as for any other interrupted upload.
      logger.info(
        { event: "citizen.import_aborted", jobId: job.id, bytesRead: reader.bytesRead() },
        "citizen import upload aborted by the client",
      );
      const aborted = new ValidationError(UPLOAD_ABORTED_MESSAGE, { file: ["Upload interrupted"] });
      await failJob(ctx, job.id, input.fileName, aborted);
      throw aborted;
    }
    await failJob(ctx, job.id, input.fileName, err);
    throw err;
  }
}

const tooLarge = () =>
  new ValidationError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it into smaller files`, {
    file: ["File too large"],
  });

async function stageRows(
  ctx: TenantContext,
  jobId: string,
  reader: CsvReader,
  mapping: ImportMapping,
  defs: CustomFieldDef[],
): Promise<Counters | "cancelled"> {
  const first = await reader.records.next();
  if (first.done)
    throw new ValidationError("The file is empty: it needs a header row, then one row per citizen", {
      file: ["Empty file"],
    });
  const plan: ColumnPlan = planColumns(first.value.values, mapping);
  const totals: Counters = { totalRows: 0, validRows: 0, invalidRows: 0, duplicates: 0 };
  // Keys of the valid rows so far (fileKey) → the first line that had them.
  const seen = new Map<string, number>();
  let batch: RowResult[] = [];

  const flush = async () => {
    const counted = await writeBatch(ctx, jobId, batch, seen);
    batch = [];
    if (!counted) return false;
    for (const k of Object.keys(totals) as Array<keyof Counters>) totals[k] += counted[k];
    return true;
  };

  for await (const { line, values } of reader.records) {
    if (isBlankRecord(values)) continue; // ",,,," lines spreadsheets leave at the end
    batch.push(validateRow(ctx.tenantId, plan, defs, line, values));
    if (batch.length >= IMPORT_BATCH_SIZE && !(await flush())) return "cancelled";
  }
  if (batch.length > 0 && !(await flush())) return "cancelled";
  if (totals.totalRows === 0)
    throw new ValidationError("The file has a header row but no citizens under it", { file: ["No rows"] });
  return totals;
}

/**
 * The in-file duplicate key: 11 characters of a digest, a short flat string (V8 copies
 * strings under 13 characters instead of pointing into the longer one), so 100,000 rows cost
 * ~20 MB of keys, not 70. 66 bits: a false match in a 300,000-key file is ~1 in a billion.
 */
const fileKey = (kind: "e" | "n" | "b", value: string) =>
  kind + (kind === "b" ? createHash("sha256").update(value).digest("base64url") : value).slice(0, 11);

/** Flags duplicates, writes one batch and bumps the counters; null when the job was cancelled. */
async function writeBatch(
  ctx: TenantContext,
  jobId: string,
  batch: RowResult[],
  seen: Map<string, number>,
): Promise<Counters | null> {
  const db = await getDb();
  try {
    return await db.forTenant(ctx).$tenantTransaction(async (tx) => {
      const valid = batch.filter((r) => r.data);
      const counts: Counters = {
        totalRows: batch.length,
        validRows: valid.length,
        invalidRows: batch.length - valid.length,
        duplicates: 0,
      };
      const rows = batch.map((r) => {
        if (!r.data) return { line: r.line, errors: r.errors, cells: r.cells };
        const { email, nationalId, nameAndBirth } = r.keys;
        const keys = [
          email && fileKey("e", email),
          nationalId && fileKey("n", nationalId),
          nameAndBirth && fileKey("b", nameAndBirth),
        ].filter((k): k is string => !!k);
        const duplicateOfLine = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
        for (const k of keys) if (!seen.has(k)) seen.set(k, r.line);
        return { line: r.line, data: duplicateOfLine !== undefined ? { ...r.data, duplicateOfLine } : r.data };
      });
      // The batch as ONE statement with ONE parameter (the rows as JSON): the same rows
      // importRow.createMany would write, without its per-value query building, which cost
      // more than validating and encrypting (100,000 rows: ~30 s of 55 s).
      await tx.$executeRaw`
        INSERT INTO import_rows (id, tenant_id, job_id, line, data, errors, cells)
        SELECT gen_random_uuid(), ${ctx.tenantId}::uuid, ${jobId}::uuid, x.line, x.data, x.errors, x.cells
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(line int, data jsonb, errors jsonb, cells jsonb)`;
      if (valid.length > 0)
        counts.duplicates = await markImportDuplicates(tx, ctx.tenantId, jobId, batch[0]!.line, batch.at(-1)!.line);
      const { count } = await tx.importJob.updateMany({
        where: { id: jobId, status: "VALIDATING" },
        data: {
          totalRows: { increment: counts.totalRows },
          validRows: { increment: counts.validRows },
          invalidRows: { increment: counts.invalidRows },
          duplicates: { increment: counts.duplicates },
        },
      });
      if (count === 0) throw new JobCancelled();
      return counts;
    });
  } catch (err) {
    if (err instanceof JobCancelled) return null;
    throw err;
  }
}

/**
 * A validation that stopped: the job says why (in words safe to show; internals go to the
 * log), its staged rows are deleted (they hold encrypted PII and will never be imported), and
 * the failure is on the audit trail.
 */
async function failJob(ctx: TenantContext, jobId: string, fileName: string, cause: unknown): Promise<void> {
  const message =
    cause instanceof AppError && cause.status < 500
      ? cause.message
      : `Validation stopped: the upload was interrupted or the server failed (request ${ctx.requestId}). Nothing was staged: upload the file again.`;
  if (!(cause instanceof AppError)) logger.error({ err: cause, jobId }, "citizen import validation failed");
  try {
    const db = await getDb();
    await db.forTenant(ctx).$tenantTransaction(async (tx) => {
      const { count } = await tx.importJob.updateMany({
        where: { id: jobId, status: "VALIDATING" },
        data: { status: "FAILED", error: message.slice(0, 1000), finishedAt: new Date() },
      });
      if (count === 0) return; // cancelled meanwhile: the cancel cleaned up
      await tx.importRow.deleteMany({ where: { jobId } });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "citizen.import_failed",
        targetType: "import_job",
        targetId: jobId,
        data: { fileName, stage: "validation", error: message },
      });
    });
  } catch (err) {
    logger.error({ err, jobId }, "could not mark the citizen import as failed");
  }
}
