"use server";
// Thin server actions for citizens: the guard authenticates, resolves the tenant, checks the
// permission and parses with the shared schema; lib/citizens does the work.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/auth/guard";
import {
  createCitizen,
  deleteCitizen,
  purgeCitizen,
  restoreCitizen,
  setCitizenTags,
  updateCitizen,
} from "@/lib/citizens/mutations";
import { flagDuplicatesOf } from "@/lib/citizens/duplicates/flag-duplicates-of";
import { revealCitizenField } from "@/lib/citizens/read";
import { logger } from "@/lib/log/logger";
import {
  citizenIdSchema,
  createCitizenSchema,
  revealSchema,
  setTagsSchema,
  updateCitizenSchema,
} from "@/lib/citizens/schemas";
import { deleteView } from "@/lib/saved-views/delete";
import { saveView } from "@/lib/saved-views/save";
import { deleteViewSchema, saveViewSchema } from "@/lib/saved-views/schemas";

const list = (slug: string) => `/${slug}/citizens`;

export const createCitizenAction = tenantAction("citizen.create", createCitizenSchema, async (ctx, input) => {
  const citizen = await createCitizen(ctx, input);
  // Possible duplicates are flagged at once (the nightly refresh would find them too, so a
  // failure here is logged, never the creation's failure).
  await flagDuplicatesOf(ctx, citizen.id).catch((err: unknown) =>
    logger.warn({ err, citizen_id: citizen.id }, "flagging duplicates of a new citizen failed"),
  );
  revalidatePath(list(ctx.access.tenant.slug));
  return { id: citizen.id };
});

export const updateCitizenAction = tenantAction("citizen.update", updateCitizenSchema, async (ctx, input) => {
  const citizen = await updateCitizen(ctx, input);
  revalidatePath(`${list(ctx.access.tenant.slug)}/${input.id}`);
  return { id: citizen.id, version: citizen.version };
});

export const setTagsAction = tenantAction("citizen.update", setTagsSchema, async (ctx, input) => {
  const citizen = await setCitizenTags(ctx, input);
  return { tags: citizen.tags, version: citizen.version };
});

export const deleteCitizenAction = tenantAction("citizen.delete", citizenIdSchema, async (ctx, input) => {
  await deleteCitizen(ctx, input);
  revalidatePath(list(ctx.access.tenant.slug));
  return null;
});

export const restoreCitizenAction = tenantAction("citizen.delete", citizenIdSchema, async (ctx, input) => {
  await restoreCitizen(ctx, input);
  revalidatePath(list(ctx.access.tenant.slug));
  return null;
});

export const purgeCitizenAction = tenantAction("citizen.purge", citizenIdSchema, async (ctx, input) => {
  await purgeCitizen(ctx, input);
  revalidatePath(list(ctx.access.tenant.slug));
  return null;
});

export const revealFieldAction = tenantAction("citizen.reveal", revealSchema, (ctx, input) =>
  revealCitizenField(ctx, input),
);

// Views of the citizens list: the list is fixed here, never taken from the input, so a view
// needs citizen.read (lib/saved-views checks saved_view.* and sharing).
export const saveCitizensViewAction = tenantAction("citizen.read", saveViewSchema, async (ctx, input) => {
  const view = await saveView(ctx, { ...input, resource: "citizens" });
  revalidatePath(list(ctx.access.tenant.slug));
  return view;
});

export const deleteCitizensViewAction = tenantAction("citizen.read", deleteViewSchema, async (ctx, input) => {
  await deleteView(ctx, { ...input, resource: "citizens" });
  revalidatePath(list(ctx.access.tenant.slug));
  return null;
});
