"use server";
// Thin server actions for the cases pages: the guard authenticates, resolves the tenant from the
// slug, checks the permission and parses the input with the shared schema; lib/cases does the
// work. Each returns the case's new snapshot (with its version) so optimistic controls can send
// the right version next time without waiting for the page to refresh.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/auth/guard";
import { addCaseNote, assignCase, changeCaseStatus, createCase, updateCase } from "@/lib/cases/mutations";
import {
  addNoteSchema,
  assignCaseSchema,
  changeStatusSchema,
  createCaseSchema,
  updateCaseSchema,
} from "@/lib/cases/schemas";
import { caseSnapshot } from "@/lib/cases/snapshot";
import { pickCitizens } from "@/lib/citizens/pick";
import { citizenPickSchema } from "@/lib/citizens/schemas";
import { deleteView } from "@/lib/saved-views/delete";
import { saveView } from "@/lib/saved-views/save";
import { deleteViewSchema, saveViewSchema } from "@/lib/saved-views/schemas";

/** The case page and the list (and the dashboard's counts) show what just changed. */
function refresh(slug: string, caseId: string) {
  revalidatePath(`/${slug}/cases/${caseId}`);
  revalidatePath(`/${slug}/cases`);
  revalidatePath(`/${slug}`);
}

/** Suggestions for the "New case" form's citizen picker, as the person types. */
export const pickCitizenAction = tenantAction("citizen.read", citizenPickSchema, (ctx, input) =>
  pickCitizens(ctx, input),
);

export const createCaseAction = tenantAction("case.create", createCaseSchema, async (ctx, input) => {
  const created = await createCase(ctx, input);
  refresh(ctx.access.tenant.slug, created.id);
  return { id: created.id };
});

export const updateCaseAction = tenantAction("case.update", updateCaseSchema, async (ctx, input) => {
  const updated = await updateCase(ctx, input);
  refresh(ctx.access.tenant.slug, updated.id);
  return caseSnapshot(updated);
});

export const changeStatusAction = tenantAction("case.update", changeStatusSchema, async (ctx, input) => {
  const updated = await changeCaseStatus(ctx, input);
  refresh(ctx.access.tenant.slug, updated.id);
  return caseSnapshot(updated);
});

export const assignCaseAction = tenantAction("case.update", assignCaseSchema, async (ctx, input) => {
  const updated = await assignCase(ctx, input);
  refresh(ctx.access.tenant.slug, updated.id);
  return caseSnapshot(updated);
});

export const addNoteAction = tenantAction("case.note", addNoteSchema, async (ctx, input) => {
  const note = await addCaseNote(ctx, input);
  refresh(ctx.access.tenant.slug, input.id);
  return { id: note.id };
});

// Views of the cases list: the list is fixed here, never taken from the input, so a view needs
// case.read and not citizen.read (lib/saved-views checks saved_view.* and sharing).
export const saveCasesViewAction = tenantAction("case.read", saveViewSchema, async (ctx, input) => {
  const view = await saveView(ctx, { ...input, resource: "cases" });
  revalidatePath(`/${ctx.access.tenant.slug}/cases`);
  return view;
});

export const deleteCasesViewAction = tenantAction("case.read", deleteViewSchema, async (ctx, input) => {
  await deleteView(ctx, { ...input, resource: "cases" });
  revalidatePath(`/${ctx.access.tenant.slug}/cases`);
  return null;
});
