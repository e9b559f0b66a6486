import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { TenantDataReader } from "@/components/admin/tenant-data-reader";
import { formatDate, formatNumber, resolveLocale } from "@/components/dashboard/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { AdjustCreditsForm } from "@/components/admin/adjust-credits-form";
import { ResyncBillingForm } from "@/components/admin/resync-billing-form";
import { getTenantMetadata } from "@/lib/admin/tenant-metadata";
import { readTenantCredits } from "@/lib/admin/read-tenant-credits";
import { planDefinition } from "@/lib/billing/plans";
import { stripeConfigured } from "@/lib/billing/stripe-client";
import { requirePlatformAdmin } from "@/lib/auth/platform-guard";

type Props = { params: Promise<{ tenantId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePlatformAdmin();
  const tenant = await getTenantMetadata((await params).tenantId);
  return { title: tenant ? tenant.name : "Tenant not found" };
}

/**
 * One tenant as the platform sees it: its global row only. The organisation's own data stays
 * closed until the admin opens it with a reason (TenantDataReader), which is audited.
 */
export default async function AdminTenantPage({ params }: Props) {
  await requirePlatformAdmin();
  const { tenantId } = await params;
  const [tenant, credits, requestHeaders] = await Promise.all([
    getTenantMetadata(tenantId),
    readTenantCredits(tenantId),
    headers(),
  ]);
  if (!tenant || !credits) notFound();
  const locale = resolveLocale(requestHeaders.get("accept-language"));

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link
          href="/admin/tenants"
          className="rounded text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          ← All tenants
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-foreground">{tenant.name}</h1>
      </div>

      <Card aria-labelledby="tenant-meta-heading">
        <CardHeader>
          <CardTitle id="tenant-meta-heading">Organisation</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
            <Item label="Slug">
              <code className="font-mono">{tenant.slug}</code>
            </Item>
            <Item label="Id">
              <code className="font-mono text-xs break-all">{tenant.id}</code>
            </Item>
            <Item label="Created">
              <time dateTime={tenant.createdAt.toISOString()}>{formatDate(tenant.createdAt, locale)}</time>
            </Item>
            <Item label="Parent organisation">
              {tenant.parent ? (
                <Link
                  href={`/admin/tenants/${tenant.parent.id}`}
                  className="rounded text-brand-700 hover:underline dark:text-brand-300"
                >
                  {tenant.parent.name}
                </Link>
              ) : (
                "None"
              )}
            </Item>
            <Item label="Child organisations">{formatNumber(tenant.childCount, locale)}</Item>
            <Item label="Members">{formatNumber(tenant.memberCount, locale)}</Item>
          </dl>
        </CardContent>
      </Card>

      <Card aria-labelledby="tenant-credits-heading">
        <CardHeader>
          <CardTitle id="tenant-credits-heading">Plan and credits</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <Item label="Plan">{planDefinition(credits.plan).name}</Item>
            <Item label="Credit balance">{formatNumber(Number(credits.balance), locale)}</Item>
            <Item label="Held by running AI calls">{formatNumber(Number(credits.reserved), locale)}</Item>
            <Item label="Stripe subscription">
              {credits.subscriptionStatus
                ? `${credits.subscriptionStatus.replace(/_/g, " ")}${credits.currentPeriodEnd ? `, renews ${formatDate(credits.currentPeriodEnd, locale)}` : ""}`
                : "None"}
            </Item>
          </dl>
          <AdjustCreditsForm tenantId={tenant.id} />
          {!stripeConfigured() ? (
            <p className="text-sm text-muted-foreground">
              Billing is not configured on this installation: there is no Stripe state to re-sync.
            </p>
          ) : credits.hasStripeCustomer ? (
            <ResyncBillingForm tenantId={tenant.id} />
          ) : (
            <p className="text-sm text-muted-foreground">
              No Stripe customer yet: this organisation never started a checkout, so there is nothing to re-sync.
            </p>
          )}
        </CardContent>
      </Card>

      <TenantDataReader key={tenant.id} tenantId={tenant.id} tenantName={tenant.name} locale={locale} />
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="mt-0.5 font-medium text-foreground">{children}</dd>
    </div>
  );
}
