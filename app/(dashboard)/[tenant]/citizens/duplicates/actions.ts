"use server";
// Thin server actions for the duplicate review: the guard checks citizen.merge and parses with
// the shared schema; lib/citizens/duplicates does the work.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { explainDuplicates } from "@/lib/ai/features/duplicates/explain-duplicates";
import { explainDuplicatesSchema } from "@/lib/ai/features/duplicates/schemas";
import { tenantAction } from "@/lib/auth/guard";
import { dismissDuplicate } from "@/lib/citizens/duplicates/dismiss-duplicate";
import { mergeCitizens } from "@/lib/citizens/duplicates/merge-citizens";
import { refreshDuplicateCandidates } from "@/lib/citizens/duplicates/refresh-duplicate-candidates";
import { mergeCitizensSchema, pairSchema, undoMergeSchema } from "@/lib/citizens/duplicates/schemas";
import { undoCitizenMerge } from "@/lib/citizens/duplicates/undo-citizen-merge";

const queue = (slug: string) => `/${slug}/citizens/duplicates`;

export const refreshDuplicatesAction = tenantAction("citizen.merge", z.object({}).strict(), async (ctx) => {
  const result = await refreshDuplicateCandidates(ctx);
  revalidatePath(queue(ctx.access.tenant.slug));
  return result;
});

export const dismissDuplicateAction = tenantAction("citizen.merge", pairSchema, async (ctx, input) => {
  await dismissDuplicate(ctx, input);
  revalidatePath(queue(ctx.access.tenant.slug));
  return null;
});

export const mergeCitizensAction = tenantAction("citizen.merge", mergeCitizensSchema, async (ctx, input) => {
  const result = await mergeCitizens(ctx, input);
  revalidatePath(queue(ctx.access.tenant.slug));
  revalidatePath(`/${ctx.access.tenant.slug}/citizens`);
  return result;
});

export const undoMergeAction = tenantAction("citizen.merge", undoMergeSchema, async (ctx, input) => {
  await undoCitizenMerge(ctx, input);
  revalidatePath(queue(ctx.access.tenant.slug));
  revalidatePath(`/${ctx.access.tenant.slug}/citizens`);
  return null;
});

// The AI ranks and explains the top pairs; it spends credits and decides nothing.
export const explainDuplicatesAction = tenantAction("citizen.merge", explainDuplicatesSchema, (ctx) =>
  explainDuplicates(ctx),
);
