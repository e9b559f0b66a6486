import { ChatWidget } from "@/components/chat/chat-widget";
import { LiveUpdates } from "@/components/live/live-updates";
import { AppShell } from "@/components/shell/app-shell";
import { OutOfCreditsBanner, PastDueBanner } from "@/components/billing/past-due-banner";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { readBillingBanners } from "@/lib/billing/read-billing-overview";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string }> };

export default async function TenantLayout({ children, params }: Props) {
  const { tenant: tenantSlug } = await params;
  // Redirects to sign-in when signed out; 404s when the user is not a member of this tenant.
  const access = await requireTenantAccess(tenantSlug);
  const { pastDueSince, outOfCredits } = await readBillingBanners({ tenantId: access.tenant.id });
  const billingHref = can(access.role, "billing.read") ? `/${tenantSlug}/settings/billing` : null;
  return (
    <AppShell access={access}>
      <LiveUpdates tenantSlug={tenantSlug} />
      {pastDueSince ? (
        <PastDueBanner since={pastDueSince} billingHref={billingHref} />
      ) : outOfCredits && can(access.role, "ai.use") ? (
        <OutOfCreditsBanner billingHref={billingHref} />
      ) : null}
      {children}
      {/* The chat over the tenant's data, for those who may use AI (the server checks again). */}
      {can(access.role, "ai.use") ? <ChatWidget tenantSlug={tenantSlug} /> : null}
    </AppShell>
  );
}
