// Step two of an import: the user has seen the report and chooses. Nothing is imported half:
// "all" is refused while any row is invalid, and whichever mode runs does so in ONE tenant
// transaction — a single INSERT … SELECT from the staged rows (set-based, no row passes
// through JavaScript), the job's new status and one audit event. If it fails, no citizen
// was added and the job says so. Staged copies of the imported rows are deleted in the same
// transaction: from then on the ciphertexts live only in `citizens`.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { flagDuplicatesIn } from "../duplicates/flag-duplicates-of";
import { toJobView } from "./jobs";
import type { CommitImportInput, ImportJobView } from "./schemas";

/** 100,000 rows insert in seconds on PostgreSQL; the margin is for slow disks and big tenants. */
const COMMIT_TIMEOUT_MS = 10 * 60_000;

export async function commitImport(
  ctx: TenantContext,
  jobId: string,
  input: CommitImportInput,
): Promise<ImportJobView> {
  const db = await getDb();
  const tenantDb = db.forTenant(ctx);

  // Claim the job first (VALIDATED → IMPORTING, one statement), so a second click or a second
  // tab is refused at once instead of importing the file twice.
  const job = await tenantDb.$tenantTransaction(async (tx) => {
    const found = await tx.importJob.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: jobId } } });
    if (!found) throw new NotFoundError("Import not found");
    if (found.status !== "VALIDATED") throw new ConflictError(statusMessage(found.status));
    if (input.mode === "all" && found.invalidRows > 0) {
      throw new ConflictError(
        `${found.invalidRows.toLocaleString("en")} row${found.invalidRows === 1 ? " is" : "s are"} not valid, and nothing is imported half: fix the file and upload it again, or import only the valid rows.`,
        { details: { invalidRows: found.invalidRows } },
      );
    }
    const { count } = await tx.importJob.updateMany({
      where: { id: jobId, status: "VALIDATED" },
      data: { status: "IMPORTING" },
    });
    if (count === 0) throw new ConflictError(statusMessage("IMPORTING"));
    return found;
  });

  try {
    const result = await tenantDb.$tenantTransaction(
      async (tx) => {
        const skip = input.skipDuplicates
          ? Prisma.sql`AND r.duplicate_of IS NULL AND r.data->'duplicateOfLine' IS NULL`
          : Prisma.empty;
        // The search columns (search_name, search_vector) are filled by the citizens trigger.
        const inserted = await tx.$queryRaw<Array<{ id: string }>>`
          INSERT INTO citizens (id, tenant_id, first_name, last_name,
                                email_enc, email_bidx, phone_enc, phone_bidx, national_id_enc, national_id_bidx, date_of_birth_enc, date_of_birth_bidx,
                                address_line1, address_line2, postal_code, city, country, preferred_language, tags, consents, notes, custom_fields,
                                version, created_by_id, updated_by_id, created_at, updated_at)
          SELECT gen_random_uuid(), r.tenant_id, r.data->>'firstName', r.data->>'lastName',
                 r.data->>'emailEnc', r.data->>'emailBidx', r.data->>'phoneEnc', r.data->>'phoneBidx',
                 r.data->>'nationalIdEnc', r.data->>'nationalIdBidx', r.data->>'dateOfBirthEnc', r.data->>'dateOfBirthBidx',
                 r.data->>'addressLine1', r.data->>'addressLine2', r.data->>'postalCode', r.data->>'city', r.data->>'country',
                 coalesce(r.data->>'preferredLanguage', 'en'),
                 ARRAY(SELECT jsonb_array_elements_text(coalesce(r.data->'tags', '[]'::jsonb))),
                 '{}'::jsonb, coalesce(r.data->>'notes', ''), coalesce(r.data->'customFields', '{}'::jsonb),
                 1, ${ctx.userId}::uuid, ${ctx.userId}::uuid, now(), now()
            FROM import_rows r
           WHERE r.tenant_id = ${ctx.tenantId}::uuid AND r.job_id = ${jobId}::uuid AND r.data IS NOT NULL ${skip}
           ORDER BY r.line
          RETURNING id::text AS id`;
        const imported = inserted.length;
        await tx.importRow.deleteMany({ where: { jobId, data: { not: Prisma.DbNull } } });
        const done = await tx.importJob.update({
          where: { tenantId_id: { tenantId: ctx.tenantId, id: jobId } },
          data: { status: "COMPLETED", importedRows: imported, finishedAt: new Date() },
        });
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          action: "citizen.imported",
          targetType: "import_job",
          targetId: jobId,
          data: {
            fileName: job.fileName,
            mode: input.mode,
            skipDuplicates: input.skipDuplicates,
            imported,
            totalRows: job.totalRows,
            validRows: job.validRows,
            invalidRows: job.invalidRows,
            duplicates: job.duplicates,
          },
        });
        return { view: toJobView(done), ids: inserted.map((r) => r.id) };
      },
      { timeout: COMMIT_TIMEOUT_MS, maxWait: 10_000 },
    );
    await flagImportedDuplicates(ctx, jobId, result.ids);
    return result.view;
  } catch (err) {
    const message =
      err instanceof AppError && err.status < 500
        ? err.message
        : `The import failed and no citizen was added (request ${ctx.requestId}). Upload the file again to retry.`;
    logger.error({ err, jobId }, "citizen import commit failed");
    await tenantDb
      .$tenantTransaction(async (tx) => {
        await tx.importJob.update({
          where: { tenantId_id: { tenantId: ctx.tenantId, id: jobId } },
          data: { status: "FAILED", error: message, finishedAt: new Date() },
        });
        // A failed job is never committed: its encrypted copies go; the report rows stay.
        await tx.importRow.deleteMany({ where: { jobId, data: { not: Prisma.DbNull } } });
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          action: "citizen.import_failed",
          targetType: "import_job",
          targetId: jobId,
          data: { fileName: job.fileName, stage: "commit", error: message },
        });
      })
      .catch((e: unknown) => logger.error({ err: e, jobId }, "could not mark the citizen import as failed"));
    throw err;
  }
}

/**
 * The imported citizens' likely duplicates land in the review queue at once: the finder for
 * that set (the create-time path, lib/citizens/duplicates/flag-duplicates-of.ts), pairs with
 * earlier citizens and between the file's own rows. After the import's transaction, in its
 * own: the nightly refresh finds the same pairs, so a failure here is logged, never the
 * import's failure.
 */
async function flagImportedDuplicates(ctx: TenantContext, jobId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await getDb();
  await db
    .forTenant(ctx)
    .$tenantTransaction(
      async (tx) => {
        const found = await flagDuplicatesIn(tx, ctx.tenantId, ids);
        if (found > 0)
          await recordAudit(tx, {
            tenantId: ctx.tenantId,
            action: "citizen.import_duplicates_flagged",
            targetType: "import_job",
            targetId: jobId,
            data: { found, imported: ids.length },
          });
      },
      { timeout: COMMIT_TIMEOUT_MS },
    )
    .catch((err: unknown) => logger.warn({ err, jobId }, "flagging duplicates of imported citizens failed"));
}

/** Cancels a job that is not imported: CANCELLED, its staged rows deleted. */
export async function cancelImport(ctx: TenantContext, jobId: string): Promise<ImportJobView> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.importJob.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: jobId } } });
    if (!found) throw new NotFoundError("Import not found");
    if (found.status === "COMPLETED" || found.status === "IMPORTING" || found.status === "CANCELLED")
      throw new ConflictError(statusMessage(found.status));
    // Conditional, so a commit that claimed the job meanwhile wins and this answers a conflict.
    const { count } = await tx.importJob.updateMany({
      where: { id: jobId, status: found.status },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    if (count === 0) throw new ConflictError("This import changed meanwhile: reload to see where it is");
    await tx.importRow.deleteMany({ where: { jobId } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.import_cancelled",
      targetType: "import_job",
      targetId: jobId,
      data: { fileName: found.fileName, status: found.status },
    });
    return toJobView(
      await tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ctx.tenantId, id: jobId } } }),
    );
  });
}

function statusMessage(status: string): string {
  switch (status) {
    case "VALIDATING":
      return "This file is still being validated: wait for the report";
    case "IMPORTING":
      return "This import is already running";
    case "COMPLETED":
      return "This import is already done";
    case "CANCELLED":
      return "This import was cancelled: upload the file again";
    case "FAILED":
      return "This import failed: upload the file again";
    default:
      return "This import cannot be changed now";
  }
}
