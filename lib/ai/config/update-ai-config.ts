// Saving one feature's AI settings: OWNER/ADMIN only, one transaction with its audit event,
// which records only the fields that changed (before/after).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { settingsFromRow } from "./read-ai-config";
import { defaultAiFeatureSettings, type AiFeatureSettings } from "./schemas";

export type SettingsDiff = { before: Record<string, unknown>; after: Record<string, unknown> };

/** The fields whose values differ, both sides. */
export function diffSettings(before: AiFeatureSettings, after: AiFeatureSettings): SettingsDiff {
  const diff: SettingsDiff = { before: {}, after: {} };
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    diff.before[key] = b[key];
    diff.after[key] = a[key];
  }
  return diff;
}

export async function updateAiFeatureConfig(ctx: TenantContext, input: AiFeatureSettings): Promise<AiFeatureSettings> {
  if (!can(ctx.role, "ai_settings.manage")) throw new ForbiddenError("Only owners and admins change AI settings");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const where = { tenantId_feature: { tenantId: ctx.tenantId, feature: input.feature } };
    // FOR UPDATE would need raw SQL; the unique (tenant_id, feature) row plus the upsert keeps two
    // concurrent saves from creating two rows, and the later save wins, as in a form.
    const existing = await tx.aiFeatureConfig.findUnique({ where, select: { settings: true } });
    const before = existing
      ? settingsFromRow(input.feature, existing.settings)
      : defaultAiFeatureSettings(input.feature);
    const { feature, ...settings } = input;
    await tx.aiFeatureConfig.upsert({
      where,
      create: { tenantId: ctx.tenantId, feature, settings },
      update: { settings },
    });
    const diff = diffSettings(before, input);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "ai_settings.updated",
      targetType: "ai_feature_config",
      targetId: feature,
      data: { feature, ...diff },
    });
    return input;
  });
}
