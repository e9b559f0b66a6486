import { AI_FEATURES } from "@/lib/ai/features";
import { formatPlanPrice, hasFreeSeat, PLANS, planIncludesFeature, smallestPlanWith } from "@/lib/billing/plans";

describe("plans", () => {
  it("defines FREE, PRO and ENTERPRISE as sold", () => {
    expect(PLANS.FREE).toMatchObject({ monthlyCredits: 500, seats: 3, batch: false, auditRetentionDays: 90 });
    expect(PLANS.FREE.aiFeatures).toEqual(["case_summary", "case_classification", "reply_draft"]);
    expect(PLANS.PRO).toMatchObject({
      monthlyPriceCents: 4_900,
      monthlyCredits: 20_000,
      seats: 25,
      batch: true,
      auditRetentionDays: 365,
    });
    expect(PLANS.ENTERPRISE).toMatchObject({
      monthlyPriceCents: null,
      monthlyCredits: 100_000,
      seats: null,
      batch: true,
      auditRetentionDays: 2_555,
    });
    expect(PLANS.PRO.aiFeatures).toEqual(AI_FEATURES);
    expect(PLANS.ENTERPRISE.aiFeatures).toEqual(AI_FEATURES);
  });

  it("answers feature, upgrade, price and seat questions", () => {
    expect(planIncludesFeature("FREE", "chat")).toBe(false);
    expect(planIncludesFeature("FREE", "reply_draft")).toBe(true);
    expect(smallestPlanWith("chat").plan).toBe("PRO");
    expect(smallestPlanWith("case_summary").plan).toBe("FREE");
    expect([formatPlanPrice(PLANS.FREE), formatPlanPrice(PLANS.PRO), formatPlanPrice(PLANS.ENTERPRISE)]).toEqual([
      "Free",
      "€49/month",
      "Price on request",
    ]);
    expect([hasFreeSeat("FREE", 2), hasFreeSeat("FREE", 3), hasFreeSeat("ENTERPRISE", 10_000)]).toEqual([
      true,
      false,
      true,
    ]);
  });
});
