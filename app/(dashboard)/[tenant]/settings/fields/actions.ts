"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/auth/guard";
import { createCustomField, deleteCustomField, setCustomFieldPii } from "@/lib/citizens/custom-fields";
import { customFieldDefinitionSchema, customFieldPiiSchema } from "@/lib/citizens/schemas";
import { z } from "zod";

export const createCustomFieldAction = tenantAction(
  "custom_field.manage",
  customFieldDefinitionSchema,
  async (ctx, input) => {
    const field = await createCustomField(ctx, input);
    revalidatePath(`/${ctx.access.tenant.slug}/settings/fields`);
    return { id: field.id };
  },
);

export const deleteCustomFieldAction = tenantAction(
  "custom_field.manage",
  z.object({ id: z.string().uuid() }),
  async (ctx, input) => {
    await deleteCustomField(ctx, input);
    revalidatePath(`/${ctx.access.tenant.slug}/settings/fields`);
    return null;
  },
);

export const setCustomFieldPiiAction = tenantAction("custom_field.manage", customFieldPiiSchema, async (ctx, input) => {
  const result = await setCustomFieldPii(ctx, input);
  revalidatePath(`/${ctx.access.tenant.slug}/settings/fields`);
  return result;
});
