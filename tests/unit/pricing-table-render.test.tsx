// The public pricing page's table (server-rendered markup) shows the plans exactly as
// lib/billing/plans.ts defines them, lists features that are not built as coming, and prices
// the packs as checkout does; /pricing is public and no organisation can take it as its address.
import { renderToStaticMarkup } from "react-dom/server";
import { PricingTable } from "@/components/billing/pricing-table";
import { routeAccess } from "@/lib/auth/route-access";
import { CREDIT_PACKS } from "@/lib/billing/credit-packs";
import { PLANS } from "@/lib/billing/plans";
import { RESERVED_SLUGS } from "@/lib/tenants/schemas";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("PricingTable", () => {
  const html = renderToStaticMarkup(<PricingTable locale="en" />);
  const t = text(html);

  it("shows each plan's price, credits, seats, retention and batch access from the plan table", () => {
    expect(t).toContain("Free Free 500 AI credits every month 3 staff seats Audit trail kept 90 days No bulk AI work");
    expect(t).toContain(
      `Pro €49/month ${PLANS.PRO.monthlyCredits.toLocaleString("en")} AI credits every month 25 staff seats Audit trail kept 1 year Bulk AI work at the batch discount`,
    );
    expect(t).toContain(
      "Enterprise Price on request 100,000 AI credits every month Unlimited staff seats Audit trail kept 7 years",
    );
  });

  it("lists built AI features as included and the rest as coming", () => {
    expect(t).toContain("AI features Case summary, Case classification, Reply draft.");
    expect(t).toMatch(
      /AI features Case summary, Case classification, Reply draft, Intake, Chat\. Coming: Citizen summary, Bulk classification, Briefing, Nl search, Duplicates\./,
    );
  });

  it("prices the credit packs as checkout does", () => {
    for (const pack of CREDIT_PACKS) expect(t).toContain(`${pack.name} · €${(pack.priceCents / 100).toFixed(2)}`);
  });

  it("/pricing is public and reserved as an organisation address", () => {
    expect(routeAccess("/pricing")).toBe("public");
    expect(RESERVED_SLUGS.has("pricing")).toBe(true);
  });
});
