// The plans, defined once: the AI gate (lib/ai/access), the credit grants, seat limits, audit
// retention and the settings pages all read this table. Pure and client-safe (no server
// imports), so the billing and AI settings pages can show the same facts the server enforces.
import type { AiFeature } from "@/lib/ai/features";
import { AI_FEATURES } from "@/lib/ai/features";
import type { Plan } from "@/lib/generated/prisma/enums";

export type PlanDefinition = {
  plan: Plan;
  name: string;
  /** Monthly price in euro cents; null = price on request (sales). */
  monthlyPriceCents: number | null;
  /** AI credits granted each month. */
  monthlyCredits: number;
  /** Staff seats; null = unlimited. */
  seats: number | null;
  aiFeatures: readonly AiFeature[];
  /** Whether AI work may run through the (discounted, asynchronous) Message Batches API. */
  batch: boolean;
  /** How long audit events are kept, in days. */
  auditRetentionDays: number;
};

export const PLANS: Readonly<Record<Plan, PlanDefinition>> = {
  FREE: {
    plan: "FREE",
    name: "Free",
    monthlyPriceCents: 0,
    monthlyCredits: 500,
    seats: 3,
    aiFeatures: ["case_summary", "case_classification", "reply_draft"],
    batch: false,
    auditRetentionDays: 90,
  },
  PRO: {
    plan: "PRO",
    name: "Pro",
    monthlyPriceCents: 4_900,
    monthlyCredits: 20_000,
    seats: 25,
    aiFeatures: AI_FEATURES,
    batch: true,
    auditRetentionDays: 365,
  },
  ENTERPRISE: {
    plan: "ENTERPRISE",
    name: "Enterprise",
    monthlyPriceCents: null,
    monthlyCredits: 100_000,
    seats: null,
    aiFeatures: AI_FEATURES,
    batch: true,
    auditRetentionDays: 7 * 365,
  },
};

/** Plans from smallest to largest, for upgrade paths and pricing tables. */
export const PLAN_ORDER: readonly Plan[] = ["FREE", "PRO", "ENTERPRISE"];

export function planDefinition(plan: Plan): PlanDefinition {
  return PLANS[plan];
}

export function planIncludesFeature(plan: Plan, feature: AiFeature): boolean {
  return PLANS[plan].aiFeatures.includes(feature);
}

/** The smallest plan that includes `feature` (every feature is in PRO). */
export function smallestPlanWith(feature: AiFeature): PlanDefinition {
  const plan = PLAN_ORDER.find((p) => planIncludesFeature(p, feature)) ?? "ENTERPRISE";
  return PLANS[plan];
}

/** "€49/month", "Free" or "Price on request". */
export function formatPlanPrice(def: PlanDefinition): string {
  if (def.monthlyPriceCents === null) return "Price on request";
  if (def.monthlyPriceCents === 0) return "Free";
  const euros = def.monthlyPriceCents / 100;
  return `€${Number.isInteger(euros) ? euros : euros.toFixed(2)}/month`;
}

/** Whether a tenant with `members` staff may add one more. */
export function hasFreeSeat(plan: Plan, members: number): boolean {
  const seats = PLANS[plan].seats;
  return seats === null || members < seats;
}
