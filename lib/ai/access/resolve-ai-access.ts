// The server side of the AI gate: every AI route and action calls assertAiFeatureAllowed before
// it reserves credits or calls the provider; pages pass allowedAiFeatures to the client gate.
import "server-only";
import { cache } from "react";
import type { GuardedContext } from "@/lib/auth/guard";
import { readAiConfig, type AiConfigMap } from "@/lib/ai/config/read-ai-config";
import { AI_FEATURES, type AiFeature } from "@/lib/ai/features";
import { getDb } from "@/lib/db";
import { AiNotConfiguredError } from "@/lib/ai/provider/errors";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Plan } from "@/lib/generated/prisma/enums";
import { decideAiAccess, type AiAccess, type AiDeniedReason, type AiStatus } from "./decide";

export type AiFeatureAvailability = { feature: AiFeature } & (
  { allowed: true } | { allowed: false; reason: AiDeniedReason; message: string }
);

/** The tenant's plan, read fresh: a plan change applies to the next call, not the next sign-in. */
export async function tenantPlan(ctx: Pick<GuardedContext, "tenantId">): Promise<Plan> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({ where: { id: ctx.tenantId }, select: { plan: true } });
  if (!tenant) throw new NotFoundError("Tenant not found");
  return tenant.plan;
}

/**
 * The plan and every feature's settings, read once per server render: the case page asks about
 * three features and the layout about the chat, 8 reads before, 2 now. Outside a render (route
 * handlers, actions, jobs) React's cache() is a pass-through, so every call there reads fresh.
 */
const tenantAiState = cache(async (tenantId: string): Promise<[Plan, AiConfigMap]> =>
  Promise.all([tenantPlan({ tenantId }), readAiConfig({ tenantId })]),
);

export async function resolveAiAccess(ctx: GuardedContext, feature: AiFeature, status: AiStatus): Promise<AiAccess> {
  const [plan, configs] = await tenantAiState(ctx.tenantId);
  return decideAiAccess({ plan, tenantSlug: ctx.access.tenant.slug, feature, status, config: configs[feature] });
}

/** Throws ForbiddenError (403: plan or switched off) or AiNotConfiguredError (503 AI_NOT_CONFIGURED). */
export async function assertAiFeatureAllowed(ctx: GuardedContext, feature: AiFeature, status: AiStatus) {
  const access = await resolveAiAccess(ctx, feature, status);
  if (access.allowed) return access.config;
  if (access.reason === "not_configured") throw new AiNotConfiguredError();
  throw new ForbiddenError(access.message);
}

/** Every feature's availability for this tenant, for <AiFeatureGate> (one read of the settings). */
export async function allowedAiFeatures(ctx: GuardedContext, status: AiStatus): Promise<AiFeatureAvailability[]> {
  const [plan, configs] = await tenantAiState(ctx.tenantId);
  return AI_FEATURES.map((feature) => {
    const a = decideAiAccess({
      plan,
      tenantSlug: ctx.access.tenant.slug,
      feature,
      status,
      config: configs[feature],
    });
    return a.allowed ? { feature, allowed: true } : { feature, allowed: false, reason: a.reason, message: a.message };
  });
}
