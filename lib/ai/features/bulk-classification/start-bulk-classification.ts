// Starts a bulk classification (issue #10 item 3): gate → the cases (ticked, or every case the
// list's filter matches) → one run with one item per case, audited → the submit job. Another
// tenant's case id (or one that does not exist) refuses the whole request as "not found"
// before anything is written; nothing is reserved or sent until the job submits the batch.
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { recordAudit } from "@/lib/audit/record";
import type { GuardedContext } from "@/lib/auth/guard";
import { casePageSql } from "@/lib/cases/list";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { caseListQuerySchema } from "@/lib/cases/schemas";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";
import { tenantQuery } from "@/lib/db/tenant-read";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { publishTenantEvent } from "@/lib/events/publish";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { Prisma } from "@/lib/generated/prisma/client";
import { BULK_MAX_CASES, type StartBulkClassificationInput } from "./schemas";
import { SUBMIT_JOB } from "./job-names";

/** The ids of every case the list's filter matches (one more than the limit, to say "too many"). */
async function caseIdsMatching(ctx: GuardedContext, filter: string): Promise<string[]> {
  const parsed = caseListQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(filter)));
  if (!parsed.success)
    throw new ValidationError("The list's filter is not valid", { filter: ["Correct the filters on the list first"] });
  const query = { ...parsed.data, cursor: undefined, limit: BULK_MAX_CASES };
  const { timeZone } = await readFormatSettings(ctx.tenantId);
  const rows = await tenantQuery<{ id: string }>(
    ctx.tenantId,
    Prisma.sql`SELECT page.id::text AS id FROM (${casePageSql(ctx, query, { timeZone })}) page`,
  );
  return rows.map((r) => r.id);
}

export async function startBulkClassification(
  ctx: GuardedContext,
  input: StartBulkClassificationInput,
): Promise<{ runId: string; total: number }> {
  const feature = "bulk_classification" as const;
  await assertAiFeatureAllowed(ctx, feature, aiStatus());
  const caseIds = [...new Set(input.scope === "filter" ? await caseIdsMatching(ctx, input.filter) : input.caseIds)];
  if (caseIds.length === 0)
    throw new ValidationError("No case to classify", {
      [input.scope === "filter" ? "filter" : "caseIds"]: ["No case matches: select cases or change the filter"],
    });
  if (caseIds.length > BULK_MAX_CASES)
    throw new ValidationError("Too many cases", {
      filter: [`The filter matches more than ${BULK_MAX_CASES.toLocaleString("en")} cases: narrow it down`],
    });

  const db = await getDb();
  const run = await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    // Through the tenant scope: another tenant's ids are simply not found here.
    const found = await tx.case.count({ where: { id: { in: caseIds }, citizen: { deletedAt: null } } });
    if (found !== caseIds.length) throw new NotFoundError("Case not found");
    const created = await tx.classificationRun.create({
      data: { tenantId: ctx.tenantId, createdById: ctx.userId, mode: input.mode, total: caseIds.length },
    });
    await tx.classificationRunItem.createMany({
      data: caseIds.map((caseId) => ({ tenantId: ctx.tenantId, runId: created.id, caseId })),
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "ai.bulk_classification_started",
      targetType: "classification_run",
      targetId: created.id,
      data: { feature, mode: input.mode, scope: input.scope, cases: caseIds.length },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "classification_run.progress", ids: [created.id] });
    return created;
  });
  await enqueueJob(SUBMIT_JOB, { tenantId: ctx.tenantId, runId: run.id });
  return { runId: run.id, total: run.total };
}
