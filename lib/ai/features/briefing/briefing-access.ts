// Whether a tenant gets a briefing now (plan, installation, AI settings), for the jobs, which
// have no person's access to check: the scheduler's pass and the batch's direct fallback.
import "server-only";
import { decideAiAccess } from "@/lib/ai/access/decide";
import { readAiFeatureConfig } from "@/lib/ai/config/read-ai-config";
import type { AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";

export async function briefingConfigIfAllowed(tenantId: string): Promise<AiFeatureSettingsFor<"briefing"> | null> {
  const db = await getDb();
  const t = await db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true, plan: true } });
  if (!t) return null;
  const config = await readAiFeatureConfig({ tenantId }, "briefing");
  const access = decideAiAccess({ plan: t.plan, tenantSlug: t.slug, feature: "briefing", status: aiStatus(), config });
  return access.allowed ? config : null;
}
