import { ChatWidget } from "@/components/chat/chat-widget-lazy";
import { QueryProvider } from "@/components/query-provider";
import { LiveUpdates } from "@/components/live/live-updates";
import { AppShell } from "@/components/shell/app-shell";
import { FormatProvider } from "@/components/format/format-provider";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { OutOfCreditsBanner, PastDueBanner } from "@/components/billing/past-due-banner";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import { aiStatus } from "@/lib/config/ai";
import { readBillingBanners } from "@/lib/billing/read-billing-overview";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string }> };

export default async function TenantLayout({ children, params }: Props) {
  const { tenant: tenantSlug } = await params;
  // Redirects to sign-in when signed out; 404s when the user is not a member of this tenant.
  const access = await requireTenantAccess(tenantSlug);
  const [{ pastDueSince, outOfCredits }, format] = await Promise.all([
    readBillingBanners({ tenantId: access.tenant.id }),
    readFormatSettings(access.tenant.id),
  ]);
  const billingHref = can(access.role, "billing.read") ? `/${tenantSlug}/settings/billing` : null;
  // The chat is offered where the plan and the tenant's AI settings allow it (the server checks
  // again); without a configured provider it still opens and says so.
  const chat = can(access.role, "ai.use")
    ? await resolveAiAccess({ ...(await tenantContext(tenantSlug)), access }, "chat", aiStatus())
    : null;
  const showChat = chat !== null && (chat.allowed || chat.reason === "not_configured");
  return (
    <QueryProvider>
      <FormatProvider value={format}>
        <AppShell access={access}>
          <LiveUpdates tenantSlug={tenantSlug} />
          {pastDueSince ? (
            <PastDueBanner since={pastDueSince} billingHref={billingHref} format={format} />
          ) : outOfCredits && can(access.role, "ai.use") ? (
            <OutOfCreditsBanner billingHref={billingHref} />
          ) : null}
          {children}
          {showChat ? <ChatWidget tenantSlug={tenantSlug} /> : null}
        </AppShell>
      </FormatProvider>
    </QueryProvider>
  );
}
