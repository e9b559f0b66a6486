// The scheduler's pass (every 15 minutes, briefing-job.ts): every tenant whose plan includes the
// briefing, with it switched on, whose local briefing time has passed today and who has no
// briefing for its yesterday yet, gets one. Two workers running this at once both try, and the
// claim in writeBriefing lets one of them write it. One tenant's failure (out of credits, the
// provider down) is logged and does not stop the others; the next pass tries it again. A tenant
// that allows the delay (AI settings) gets its briefing through the Message Batches API.
import "server-only";
import { decideAiAccess } from "@/lib/ai/access/decide";
import { readAiFeatureConfig } from "@/lib/ai/config/read-ai-config";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { briefingDay, isBriefingDue } from "./local-day";
import { readBriefing } from "./read-briefing";
import { writeBriefing } from "./write-briefing";

export async function runDueBriefings(
  now = new Date(),
  // Limits the pass to these tenants (an operator re-running one tenant; tests, whose database is shared).
  options: { tenantIds?: string[] } = {},
): Promise<{ written: number; failed: number }> {
  const db = await getDb();
  const tenants = await db.tenant.findMany({
    where: options.tenantIds ? { id: { in: options.tenantIds } } : {},
    select: { id: true, slug: true, plan: true },
    orderBy: { id: "asc" },
  });
  const status = aiStatus();
  let written = 0;
  let failed = 0;
  for (const t of tenants) {
    const tenant = { tenantId: t.id };
    const config = await readAiFeatureConfig(tenant, "briefing");
    const access = decideAiAccess({ plan: t.plan, tenantSlug: t.slug, feature: "briefing", status, config });
    if (!access.allowed || !isBriefingDue(now, config.timeZone, config.timeOfDay)) continue;
    const day = briefingDay(now, config.timeZone);
    if (await readBriefing(tenant, day)) continue;
    try {
      const result = await writeBriefing(tenant, {
        config,
        day,
        createdById: null,
        via: config.viaBatch ? "batch" : "direct",
      });
      if (result.created) written += 1;
    } catch (err) {
      failed += 1;
      logger.warn({ err, tenantId: t.id, day }, "daily briefing not written: next pass retries");
    }
  }
  return { written, failed };
}
