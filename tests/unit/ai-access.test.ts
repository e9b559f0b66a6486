// The AI gate's decision table: plan, then configuration, then the tenant's own switch.
import { decideAiAccess } from "@/lib/ai/access/decide";
import { defaultAiFeatureSettings } from "@/lib/ai/config/schemas";

const on = { configured: true, demo: false };
const demo = { configured: false, demo: true };
const none = { configured: false, demo: false };

describe("decideAiAccess", () => {
  it.each([
    ["FREE", "case_summary", on, true, true, undefined],
    ["FREE", "chat", on, true, false, "plan"],
    ["FREE", "chat", none, true, false, "plan"],
    ["PRO", "chat", on, true, true, undefined],
    ["PRO", "chat", demo, true, true, undefined],
    ["PRO", "chat", none, true, false, "not_configured"],
    ["PRO", "chat", on, false, false, "disabled"],
    ["PRO", "chat", none, false, false, "not_configured"],
    ["ENTERPRISE", "bulk_classification", on, true, true, undefined],
    ["FREE", "reply_draft", demo, false, false, "disabled"],
  ] as const)("%s %s %j enabled=%s → %s %s", (plan, feature, status, enabled, allowed, reason) => {
    const config = { ...defaultAiFeatureSettings(feature), enabled };
    const a = decideAiAccess({ plan, tenantSlug: "acme", feature, status, config });
    expect(a.allowed).toBe(allowed);
    if (!a.allowed) expect(a.reason).toBe(reason);
    else expect(a.config).toBe(config);
  });

  it("names the plan and the upgrade path", () => {
    const a = decideAiAccess({
      plan: "FREE",
      tenantSlug: "acme",
      feature: "nl_search",
      status: on,
      config: defaultAiFeatureSettings("nl_search"),
    });
    expect(a).toEqual({
      allowed: false,
      reason: "plan",
      message: "Nl search is not in the Free plan: upgrade to Pro at /acme/settings/billing",
    });
  });

  it("says AI is not configured", () => {
    const a = decideAiAccess({
      plan: "PRO",
      tenantSlug: "acme",
      feature: "chat",
      status: none,
      config: defaultAiFeatureSettings("chat"),
    });
    expect(a).toMatchObject({ message: "AI is not configured" });
  });
});
