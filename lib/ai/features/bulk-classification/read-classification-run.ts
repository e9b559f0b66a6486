// A run as the cases page shows it: its state, counts per item state, progress (the provider's
// answered requests while the batch runs, then the stored results), credits, and the cases that
// failed (titles through the tenant scope; the first FAILURES_SHOWN of them).
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { CASE_PRIORITIES } from "@/lib/cases/schemas";
import { SENTIMENTS, type CaseClassification } from "@/lib/ai/features/case-classification/schemas";
import { z } from "zod";
import type { BulkMode, ItemStatus, RunStatus } from "./schemas";

/** What an item stores, read back with a schema (a JSON column is not trusted by its type). */
const storedSuggestion = z.object({
  category: z.string().max(200).nullable(),
  priority: z.enum(CASE_PRIORITIES),
  sentiment: z.enum(SENTIMENTS),
  reason: z.string().max(1_000),
});

export const FAILURES_SHOWN = 50;
const STUCK_MS = 10 * 60_000;

export type ClassificationRunView = {
  id: string;
  mode: BulkMode;
  status: RunStatus;
  total: number;
  /** 0..total: how far the run is (answered while in flight, stored once collected). */
  done: number;
  counts: Record<ItemStatus, number>;
  batches: number;
  creditsUsed: number;
  failure: string | null;
  createdAt: string;
  /** Still waiting to be sent after STUCK_MS: its job was lost (the process died between
   * starting the run and queueing the job), so it may be sent again. */
  stuck: boolean;
  failures: Array<{ caseId: string; title: string; errorType: string }>;
};

export async function readClassificationRun(
  ctx: Pick<TenantContext, "tenantId">,
  runId: string,
): Promise<ClassificationRunView> {
  if (!isUuid(runId)) throw new NotFoundError("Classification run not found");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const run = await tx.classificationRun.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: runId } },
    });
    if (!run) throw new NotFoundError("Classification run not found");
    const grouped = await tx.classificationRunItem.groupBy({
      by: ["status"],
      where: { runId },
      _count: { _all: true },
    });
    const counts = { pending: 0, submitted: 0, succeeded: 0, errored: 0, applied: 0, undone: 0 };
    for (const g of grouped) counts[g.status as ItemStatus] = g._count._all;
    const failed = await tx.classificationRunItem.findMany({
      where: { runId, status: "errored" },
      select: { caseId: true, errorType: true, case: { select: { title: true } } },
      orderBy: { caseId: "asc" },
      take: FAILURES_SHOWN,
    });
    const stored = counts.succeeded + counts.errored + counts.applied + counts.undone;
    return {
      id: run.id,
      mode: run.mode as BulkMode,
      status: run.status as RunStatus,
      total: run.total,
      done: Math.min(run.total, run.status === "submitted" ? stored + run.processed : stored),
      counts,
      batches: run.batches,
      creditsUsed: Number(run.creditsUsed),
      failure: run.failure,
      createdAt: run.createdAt.toISOString(),
      stuck: run.status === "queued" && Date.now() - run.updatedAt.getTime() > STUCK_MS,
      failures: failed.map((f) => ({ caseId: f.caseId, title: f.case.title, errorType: f.errorType ?? "error" })),
    };
  });
}

/** The newest run of the tenant (the cases page's progress panel), or null. */
export async function latestClassificationRunId(ctx: Pick<TenantContext, "tenantId">): Promise<string | null> {
  const db = await getDb();
  const run = await db.forTenant(ctx).classificationRun.findFirst({
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return run?.id ?? null;
}

/** The newest bulk suggestion for a case that nobody has applied yet (the case page's chips). */
export async function readBulkSuggestion(
  ctx: Pick<TenantContext, "tenantId">,
  caseId: string,
): Promise<{ runId: string; suggestion: CaseClassification } | null> {
  if (!isUuid(caseId)) return null;
  const db = await getDb();
  const item = await db.forTenant(ctx).classificationRunItem.findFirst({
    where: { caseId, status: "succeeded" },
    orderBy: { updatedAt: "desc" },
    select: { suggestion: true, runId: true },
  });
  const parsed = storedSuggestion.safeParse(item?.suggestion);
  return item && parsed.success ? { runId: item.runId, suggestion: parsed.data } : null;
}
