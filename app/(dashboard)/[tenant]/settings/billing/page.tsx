import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate, formatMoney, formatNumber } from "@/lib/format/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { featureLabel } from "@/lib/ai/access/decide";
import { tenantPlan } from "@/lib/ai/access/resolve-ai-access";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { BillingActions } from "@/components/billing/billing-actions";
import { InvoicesCard } from "@/components/billing/invoices-card";
import { LedgerCard } from "@/components/billing/ledger-card";
import { UsageByMemberChart } from "@/components/billing/usage-by-member-chart";
import { UsageCharts } from "@/components/billing/usage-charts";
import { RefreshAfterCheckout } from "@/components/billing/refresh-after-checkout";
import { CREDIT_PACKS } from "@/lib/billing/credit-packs";
import { aiPausedFrom } from "@/lib/billing/past-due";
import { formatPlanPrice, PLANS } from "@/lib/billing/plans";
import { listInvoices } from "@/lib/billing/list-invoices";
import { readBillingOverview } from "@/lib/billing/read-billing-overview";
import { stripeConfigured } from "@/lib/billing/stripe-client";
import { activeLedgerFilters, ledgerQueryParams, ledgerQuerySchema } from "@/lib/credits/ledger-schemas";
import { listLedgerPage } from "@/lib/credits/list-ledger-entries";
import { readCreditBalance } from "@/lib/credits";
import { fieldErrorsFromZod } from "@/lib/errors";
import { readUsageByMember } from "@/lib/usage/read-usage-by-member";
import { readUsageSummary } from "@/lib/usage/read-usage-summary";
import { tenantMetadata } from "@/lib/tenants/page-title";
import { usageByMemberQuerySchema } from "@/lib/usage/schemas";

export const generateMetadata = tenantMetadata("Plan and credits");

const STATUS_LABEL: Record<string, string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Payment overdue",
  unpaid: "Unpaid",
  canceled: "Cancelled",
  incomplete: "Waiting for the first payment",
  incomplete_expired: "Expired before the first payment",
  paused: "Paused",
};

/**
 * What the organisation has and has spent: its plan and subscription (renewal, seats), the
 * credit balance and the ledger that adds up to it, and the ways to pay (Stripe Checkout and
 * the Customer Portal). Owners and admins only (billing.read / billing.manage); others get the
 * same 404 as any page they may not open. Without Stripe keys the page says billing is not
 * configured and offers no buttons.
 */
export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const search = await searchParams;
  const checkout = typeof search.checkout === "string" ? search.checkout : undefined;
  const ledgerParams = ledgerQueryParams(search);
  const ledgerQuery = ledgerQuerySchema.safeParse(ledgerParams);
  const ledgerFilters = ledgerQuery.success ? activeLedgerFilters(ledgerQuery.data) : {};
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  // A hand-edited period falls back to the default (the form offers only valid ones).
  const usageQuery = usageByMemberQuerySchema.safeParse({
    usageRange: first(search.usageRange),
    usageBucket: first(search.usageBucket),
  });
  const usagePeriod = usageQuery.success ? usageQuery.data : usageByMemberQuerySchema.parse({});
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  if (!can(access.role, "billing.read")) notFound();
  const format = await readFormatSettings(access.tenant.id);
  const [plan, balance, ledger, overview, usage, usageByMember, invoices] = await Promise.all([
    tenantPlan(ctx),
    readCreditBalance(ctx),
    ledgerQuery.success ? listLedgerPage(ctx, ledgerQuery.data) : null,
    readBillingOverview(ctx),
    readUsageSummary(ctx),
    readUsageByMember(ctx, usagePeriod),
    listInvoices(ctx),
  ]);
  const def = PLANS[plan];
  const configured = stripeConfigured();
  const manage = can(access.role, "billing.manage");
  const { account, seats } = overview;

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Plan and credits</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          AI features spend credits (1 credit = $0.001 of model use). Your plan grants credits every month; credit packs
          add more.
        </p>
      </div>

      {checkout === "success" ? (
        <p role="status" className="rounded-lg border border-border bg-surface p-3 text-sm text-foreground">
          Thank you: the payment went through. The plan and credits below update as soon as Stripe confirms it (usually
          within seconds: this page refreshes itself for the next ten seconds; reload it if they have not).
          <RefreshAfterCheckout />
        </p>
      ) : checkout === "cancelled" ? (
        <p role="status" className="rounded-lg border border-border bg-surface p-3 text-sm text-muted-foreground">
          Checkout was cancelled; nothing was charged.
        </p>
      ) : null}

      <Card aria-labelledby="subscription-heading">
        <CardHeader>
          <CardTitle id="subscription-heading">Subscription</CardTitle>
          <CardDescription>
            {def.name} · {formatPlanPrice(def)}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-muted-foreground">Status</dt>
              <dd className="font-medium text-foreground">
                {account?.subscriptionStatus
                  ? (STATUS_LABEL[account.subscriptionStatus] ?? account.subscriptionStatus)
                  : "No subscription"}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{account?.cancelAtPeriodEnd ? "Ends on" : "Renews on"}</dt>
              <dd className="font-medium text-foreground">
                {account?.currentPeriodEnd && account.subscriptionStatus !== "canceled" ? (
                  <time dateTime={account.currentPeriodEnd.toISOString()}>
                    {formatDate(account.currentPeriodEnd, format)}
                  </time>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Seats used</dt>
              <dd className="font-medium text-foreground tabular-nums">
                {seats.members}
                {seats.pending ? ` + ${seats.pending} invited` : ""} of {seats.seats ?? "unlimited"}
              </dd>
            </div>
          </dl>
          {account?.pastDueSince ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              A payment failed. AI features pause on {formatDate(aiPausedFrom(account.pastDueSince), format)} unless the
              payment method is updated; everything else keeps working.
            </p>
          ) : null}
          {plan !== "FREE" && PLANS.FREE.seats !== null && seats.members > PLANS.FREE.seats ? (
            <p className="text-sm text-muted-foreground">
              The {PLANS.FREE.name} plan has {PLANS.FREE.seats} seats: before cancelling, remove{" "}
              {seats.members - PLANS.FREE.seats} of the {seats.members} members, or nobody new can join afterwards.
            </p>
          ) : null}
          {!configured ? (
            <p className="text-sm text-muted-foreground">
              Billing is not configured on this installation: plans cannot be bought online. Contact Civitas to change
              your plan or add credits.
            </p>
          ) : manage ? (
            <BillingActions
              tenantSlug={slug}
              canUpgrade={
                plan === "FREE" && !["active", "trialing", "past_due"].includes(account?.subscriptionStatus ?? "")
              }
              upgradeLabel={`Upgrade to ${PLANS.PRO.name} (${formatPlanPrice(PLANS.PRO)})`}
              hasCustomer={Boolean(account?.stripeCustomerId)}
              packs={CREDIT_PACKS}
              priceOf={Object.fromEntries(
                CREDIT_PACKS.map((p) => [p.id, formatMoney(p.priceCents / 100, "EUR", format)]),
              )}
            />
          ) : null}
        </CardContent>
      </Card>

      <div className="grid gap-6 sm:grid-cols-2">
        <Card aria-labelledby="plan-heading">
          <CardHeader>
            <CardTitle id="plan-heading">{def.name} plan</CardTitle>
            <CardDescription>{formatNumber(def.monthlyCredits, format)} AI credits a month</CardDescription>
          </CardHeader>
          <CardContent>
            <p className="text-sm text-muted-foreground">AI features: {def.aiFeatures.map(featureLabel).join(", ")}.</p>
            <Link
              href="/pricing"
              className="mt-2 inline-block rounded text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              Compare plans
            </Link>
          </CardContent>
        </Card>
        <Card aria-labelledby="balance-heading">
          <CardHeader>
            <CardTitle id="balance-heading">Credit balance</CardTitle>
            <CardDescription>Available now</CardDescription>
          </CardHeader>
          <CardContent>
            <p className="text-3xl font-semibold text-foreground tabular-nums">
              {formatNumber(Number(balance.balance), format)}
            </p>
            {balance.reserved > 0n ? (
              <p className="mt-1 text-sm text-muted-foreground">
                {formatNumber(Number(balance.reserved), format)} held for AI requests in progress
              </p>
            ) : null}
          </CardContent>
        </Card>
      </div>

      <UsageCharts usage={usage} format={format} />

      <UsageByMemberChart
        usage={usageByMember}
        locale={format.locale}
        tenantSlug={slug}
        days={usagePeriod.days}
        keep={Object.fromEntries(Object.entries(ledgerParams).filter(([k]) => k !== "cursor"))}
      />

      <InvoicesCard list={invoices} format={format} />

      <LedgerCard
        tenantSlug={slug}
        format={format}
        page={ledger}
        filters={ledgerFilters}
        rawValues={ledgerParams}
        fieldErrors={ledgerQuery.success ? undefined : fieldErrorsFromZod(ledgerQuery.error)}
        cursor={ledgerQuery.success ? ledgerQuery.data.cursor : undefined}
      />
    </div>
  );
}
