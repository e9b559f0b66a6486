"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/auth/guard";
import { aiFeatureSettingsSchema } from "@/lib/ai/config/schemas";
import { updateAiFeatureConfig } from "@/lib/ai/config/update-ai-config";

export const updateAiFeatureConfigAction = tenantAction(
  "ai_settings.manage",
  aiFeatureSettingsSchema,
  async (ctx, input) => {
    const saved = await updateAiFeatureConfig(ctx, input);
    revalidatePath(`/${ctx.access.tenant.slug}/settings/ai`);
    return saved;
  },
);
