"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/auth/guard";
import { updateFormatSettings } from "@/lib/tenants/format-settings";
import { formatSettingsSchema } from "@/lib/tenants/schemas";

export const updateFormatSettingsAction = tenantAction("tenant.update", formatSettingsSchema, async (ctx, input) => {
  const saved = await updateFormatSettings(ctx, input);
  // Every page of the tenant writes dates with these settings.
  revalidatePath(`/${ctx.access.tenant.slug}`, "layout");
  return saved;
});
