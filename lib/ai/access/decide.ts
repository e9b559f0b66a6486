// The AI gate's decision, pure so it is table-tested and shared by server and client: the
// tenant's plan must include the feature, AI must be configured (a key or the demo model), and
// the tenant's own settings must not have turned it off. Client-safe.
import type { AiFeature } from "@/lib/ai/features";
import type { AiFeatureSettings } from "@/lib/ai/config/schemas";
import { PLANS, smallestPlanWith } from "@/lib/billing/plans";
import type { Plan } from "@/lib/generated/prisma/enums";

/** Whether the provider can be reached: an API key is set, or the offline demo model runs. */
export type AiStatus = { configured: boolean; demo: boolean };

export type AiDeniedReason = "plan" | "disabled" | "not_configured";

export type AiAccess =
  { allowed: true; config: AiFeatureSettings } | { allowed: false; reason: AiDeniedReason; message: string };

export const AI_NOT_CONFIGURED_MESSAGE = "AI is not configured";

export function featureLabel(feature: AiFeature): string {
  const s = feature.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function billingPath(tenantSlug: string): string {
  return `/${tenantSlug}/settings/billing`;
}

/**
 * Plan first (an upgrade is what the person needs to hear even when the key is missing), then
 * configuration, then the tenant's switch.
 */
export function decideAiAccess(input: {
  plan: Plan;
  tenantSlug: string;
  feature: AiFeature;
  status: AiStatus;
  config: AiFeatureSettings;
}): AiAccess {
  const { plan, tenantSlug, feature, status, config } = input;
  if (!PLANS[plan].aiFeatures.includes(feature)) {
    const needed = smallestPlanWith(feature);
    return {
      allowed: false,
      reason: "plan",
      message: `${featureLabel(feature)} is not in the ${PLANS[plan].name} plan: upgrade to ${needed.name} at ${billingPath(tenantSlug)}`,
    };
  }
  if (!status.configured && !status.demo)
    return { allowed: false, reason: "not_configured", message: AI_NOT_CONFIGURED_MESSAGE };
  if (!config.enabled)
    return { allowed: false, reason: "disabled", message: `${featureLabel(feature)} is turned off in AI settings` };
  return { allowed: true, config };
}
