import { formatNumber } from "@/components/dashboard/format";
import { featureLabel } from "@/lib/ai/access/decide";
import type { AiFeature } from "@/lib/ai/features";
import { CREDIT_PACKS } from "@/lib/billing/credit-packs";
import { formatPlanPrice, PLAN_ORDER, PLANS } from "@/lib/billing/plans";

// The AI features that exist today (as the landing page says); a plan's other features are
// listed as coming, never as included-and-working.
const BUILT: ReadonlySet<AiFeature> = new Set(["case_summary", "case_classification", "reply_draft", "intake", "chat"]);

const seats = (n: number | null) => (n === null ? "Unlimited staff seats" : `${n} staff seats`);
const retention = (days: number) =>
  days % 365 === 0 ? `Audit trail kept ${days / 365} year${days === 365 ? "" : "s"}` : `Audit trail kept ${days} days`;

/**
 * The plans as lib/billing/plans.ts defines them (the numbers the server enforces), and the
 * credit packs as checkout prices them: nothing on this page is typed in twice.
 */
export function PricingTable({ locale }: { locale: string }) {
  const euro = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
  return (
    <div className="flex flex-col gap-12">
      <ul className="grid gap-6 lg:grid-cols-3">
        {PLAN_ORDER.map((p) => {
          const def = PLANS[p];
          const built = def.aiFeatures.filter((f) => BUILT.has(f));
          const coming = def.aiFeatures.filter((f) => !BUILT.has(f));
          return (
            <li
              key={p}
              aria-labelledby={`plan-${p}`}
              className="flex flex-col gap-4 rounded-xl border border-border bg-surface p-6 shadow-sm"
            >
              <div>
                <h2 id={`plan-${p}`} className="text-lg font-semibold text-foreground">
                  {def.name}
                </h2>
                <p className="mt-1 text-2xl font-semibold text-foreground">{formatPlanPrice(def)}</p>
              </div>
              <ul className="flex flex-col gap-1.5 text-sm text-foreground">
                <li>{formatNumber(def.monthlyCredits, locale)} AI credits every month</li>
                <li>{seats(def.seats)}</li>
                <li>{retention(def.auditRetentionDays)}</li>
                <li>{def.batch ? "Bulk AI work at the batch discount" : "No bulk AI work"}</li>
              </ul>
              <div className="text-sm">
                <h3 className="font-medium text-foreground">AI features</h3>
                <p className="mt-1 text-muted-foreground">{built.map(featureLabel).join(", ")}.</p>
                {coming.length ? (
                  <p className="mt-1 text-muted-foreground">Coming: {coming.map(featureLabel).join(", ")}.</p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="packs-heading">
        <h2 id="packs-heading" className="text-lg font-semibold text-foreground">
          Credit packs
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">
          One-off top-ups on any plan, bought by an owner or admin on the organisation&apos;s billing page. A refunded
          pack takes back the credits not yet spent.
        </p>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {CREDIT_PACKS.map((pack) => (
            <li key={pack.id} className="rounded-xl border border-border bg-surface p-4 text-sm">
              <span className="font-medium text-foreground">{pack.name}</span>
              <span className="text-muted-foreground"> · {euro.format(pack.priceCents / 100)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
