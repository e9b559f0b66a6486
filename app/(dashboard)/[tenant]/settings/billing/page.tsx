import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { formatNumber, resolveLocale } from "@/components/dashboard/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { featureLabel } from "@/lib/ai/access/decide";
import { tenantPlan } from "@/lib/ai/access/resolve-ai-access";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { PLANS } from "@/lib/billing/plans";
import { listLedgerEntries } from "@/lib/credits/list-ledger-entries";
import { readCreditBalance } from "@/lib/credits";

export const metadata: Metadata = { title: "Plan and credits" };

const KIND_LABEL: Record<string, string> = {
  grant: "Monthly or promotional grant",
  purchase: "Credit purchase",
  reserve: "Held for an AI request",
  settle: "AI request charged",
  refund: "Hold released",
  expire: "Credits expired",
  adjustment: "Adjustment by Civitas",
};

/**
 * What the organisation has and has spent: its plan, the credit balance and the ledger that adds
 * up to it. Owners and admins only (billing.read); others get the same 404 as any page they may
 * not open. Buying credits and changing plan come with Stripe billing, which is not built yet:
 * the page says so instead of offering buttons that do nothing.
 */
export default async function BillingPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const [access, ctx, requestHeaders] = await Promise.all([requireTenantAccess(slug), tenantContext(slug), headers()]);
  if (!can(access.role, "billing.read")) notFound();
  const locale = resolveLocale(requestHeaders.get("accept-language"));
  const [plan, balance, entries] = await Promise.all([tenantPlan(ctx), readCreditBalance(ctx), listLedgerEntries(ctx)]);
  const def = PLANS[plan];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Plan and credits</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          AI features spend credits (1 credit = $0.001 of model use). Buying credits and changing plan online are not
          available yet; contact Civitas to change your plan.
        </p>
      </div>

      <div className="grid gap-6 sm:grid-cols-2">
        <Card aria-labelledby="plan-heading">
          <CardHeader>
            <CardTitle id="plan-heading">{def.name} plan</CardTitle>
            <CardDescription>{formatNumber(def.monthlyCredits, locale)} AI credits a month</CardDescription>
          </CardHeader>
          <CardContent>
            <p className="text-sm text-muted-foreground">AI features: {def.aiFeatures.map(featureLabel).join(", ")}.</p>
          </CardContent>
        </Card>
        <Card aria-labelledby="balance-heading">
          <CardHeader>
            <CardTitle id="balance-heading">Credit balance</CardTitle>
            <CardDescription>Available now</CardDescription>
          </CardHeader>
          <CardContent>
            <p className="text-3xl font-semibold text-foreground tabular-nums">
              {formatNumber(Number(balance.balance), locale)}
            </p>
            {balance.reserved > 0n ? (
              <p className="mt-1 text-sm text-muted-foreground">
                {formatNumber(Number(balance.reserved), locale)} held for AI requests in progress
              </p>
            ) : null}
          </CardContent>
        </Card>
      </div>

      <Card aria-labelledby="ledger-heading">
        <CardHeader>
          <CardTitle id="ledger-heading">Credit ledger</CardTitle>
          <CardDescription>The newest {entries.length} entries. The balance is the sum of all entries.</CardDescription>
        </CardHeader>
        <CardContent>
          {entries.length === 0 ? (
            <EmptyState title="No credit activity yet">Grants and AI requests will appear here.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-muted-foreground uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      When (UTC)
                    </th>
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      What
                    </th>
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      Reason
                    </th>
                    <th scope="col" className="py-2 text-right font-semibold">
                      Credits
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <td className="py-2 pr-4 whitespace-nowrap text-muted-foreground">
                        <time dateTime={e.createdAt.toISOString()}>{dateTime.format(e.createdAt)}</time>
                      </td>
                      <td className="py-2 pr-4 text-foreground">{KIND_LABEL[e.kind] ?? e.kind}</td>
                      <td className="py-2 pr-4 text-muted-foreground">{e.reason ?? ""}</td>
                      <td className="py-2 text-right font-medium tabular-nums text-foreground">
                        {e.delta > 0n ? "+" : ""}
                        {formatNumber(Number(e.delta), locale)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
