// The AI gate as a background job sees it: no guard and no session, so the tenant's plan and
// settings are read here and decided by the same pure rule as resolveAiAccess (a plan change
// or a switched-off feature between "start" and "submit" stops the run with the person's
// message). The run's credits are its starter's (user id on the reservation and usage rows).
import "server-only";
import { decideAiAccess, type AiAccess } from "@/lib/ai/access/decide";
import { readAiFeatureConfig } from "@/lib/ai/config/read-ai-config";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";

export async function runAiAccess(tenantId: string): Promise<AiAccess> {
  const db = await getDb();
  const [tenant, config] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { plan: true, slug: true } }),
    readAiFeatureConfig({ tenantId }, "bulk_classification"),
  ]);
  if (!tenant) return { allowed: false, reason: "disabled", message: "The organisation no longer exists" };
  return decideAiAccess({
    plan: tenant.plan,
    tenantSlug: tenant.slug,
    feature: "bulk_classification",
    status: aiStatus(),
    config,
  });
}
