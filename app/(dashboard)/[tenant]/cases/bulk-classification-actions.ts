"use server";
// Thin server actions for bulk classification on the cases list: the guard authenticates,
// resolves the tenant from the slug, checks the permission and parses the input with the shared
// schema; lib/ai/features/bulk-classification does the work.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/auth/guard";
import { retryClassificationRun } from "@/lib/ai/features/bulk-classification/retry-classification-run";
import {
  classificationRunIdSchema,
  startBulkClassificationSchema,
} from "@/lib/ai/features/bulk-classification/schemas";
import { startBulkClassification } from "@/lib/ai/features/bulk-classification/start-bulk-classification";
import { undoClassificationRun } from "@/lib/ai/features/bulk-classification/undo-classification-run";

export const startBulkClassificationAction = tenantAction(
  "ai.use",
  startBulkClassificationSchema,
  async (ctx, input) => {
    const started = await startBulkClassification(ctx, input);
    revalidatePath(`/${ctx.access.tenant.slug}/cases`);
    return started;
  },
);

export const retryClassificationRunAction = tenantAction("ai.use", classificationRunIdSchema, async (ctx, input) => {
  const out = await retryClassificationRun(ctx, input);
  revalidatePath(`/${ctx.access.tenant.slug}/cases`);
  return out;
});

// Undoing writes to cases: it needs the case update permission, like applying did.
export const undoClassificationRunAction = tenantAction(
  "case.update",
  classificationRunIdSchema,
  async (ctx, input) => {
    const out = await undoClassificationRun(ctx, input);
    revalidatePath(`/${ctx.access.tenant.slug}/cases`);
    return out;
  },
);
