// "Generate now" on the dashboard (OWNER/ADMIN; the route checks ai_settings.manage): the same
// writeBriefing as the job, for the tenant's yesterday, so pressing it after the job ran (or
// twice) returns the day's briefing without a second charge.
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import type { AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import type { GuardedContext } from "@/lib/auth/guard";
import { aiStatus } from "@/lib/config/ai";
import { briefingDay } from "./local-day";
import { writeBriefing, type WriteBriefingResult } from "./write-briefing";

export async function generateBriefingNow(ctx: GuardedContext, now = new Date()): Promise<WriteBriefingResult> {
  const config = (await assertAiFeatureAllowed(ctx, "briefing", aiStatus())) as AiFeatureSettingsFor<"briefing">;
  return writeBriefing(ctx, { config, day: briefingDay(now, config.timeZone), createdById: ctx.userId });
}
