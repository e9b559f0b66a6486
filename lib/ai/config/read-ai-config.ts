// Reading a tenant's AI settings: the stored JSONB parsed with the shared union; a feature
// without a row (or whose row no longer parses after a schema change) gets its defaults.
import "server-only";
import { AI_FEATURES, type AiFeature } from "@/lib/ai/features";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import {
  aiFeatureSettingsSchema,
  defaultAiFeatureSettings,
  type AiFeatureSettings,
  type AiFeatureSettingsFor,
} from "./schemas";

export type AiConfigMap = { [F in AiFeature]: AiFeatureSettingsFor<F> };

/** Parses a stored row; falls back to the defaults (and says so in the log) when it does not. */
export function settingsFromRow(feature: AiFeature, stored: unknown): AiFeatureSettings {
  const parsed = aiFeatureSettingsSchema.safeParse({ ...(stored as object), feature });
  if (parsed.success) return parsed.data;
  logger.warn(
    { ai_feature: feature, issues: parsed.error.issues.length },
    "stored AI settings do not parse: using defaults",
  );
  return defaultAiFeatureSettings(feature);
}

/** All features' settings for the tenant, stored or default. */
export async function readAiConfig(ctx: Pick<TenantContext, "tenantId">): Promise<AiConfigMap> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).aiFeatureConfig.findMany({ select: { feature: true, settings: true } });
  const stored = new Map(rows.map((r) => [r.feature, r.settings]));
  return Object.fromEntries(
    AI_FEATURES.map((f) => [f, stored.has(f) ? settingsFromRow(f, stored.get(f)) : defaultAiFeatureSettings(f)]),
  ) as AiConfigMap;
}

/** One feature's settings for the tenant, stored or default. */
export async function readAiFeatureConfig<F extends AiFeature>(
  ctx: Pick<TenantContext, "tenantId">,
  feature: F,
): Promise<AiFeatureSettingsFor<F>> {
  const db = await getDb();
  const row = await db.forTenant(ctx).aiFeatureConfig.findUnique({
    where: { tenantId_feature: { tenantId: ctx.tenantId, feature } },
    select: { settings: true },
  });
  return (row ? settingsFromRow(feature, row.settings) : defaultAiFeatureSettings(feature)) as AiFeatureSettingsFor<F>;
}
