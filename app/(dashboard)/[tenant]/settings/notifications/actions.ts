"use server";
import { revalidatePath } from "next/cache";
import { briefingEmailOptInSchema } from "@/lib/ai/features/briefing/schemas";
import { setBriefingEmailOptIn } from "@/lib/ai/features/briefing/set-briefing-email-opt-in";
import { tenantAction } from "@/lib/auth/guard";

// The member's own preference: anyone who reads the dashboard (where the briefing is) may set it.
export const setBriefingEmailOptInAction = tenantAction(
  "dashboard.read",
  briefingEmailOptInSchema,
  async (ctx, input) => {
    const saved = await setBriefingEmailOptIn(ctx, input);
    revalidatePath(`/${ctx.access.tenant.slug}/settings/notifications`);
    return saved;
  },
);
