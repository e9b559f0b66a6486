import Link from "next/link";
import { notFound } from "next/navigation";
import { AiFeatureSettingsForm } from "@/components/ai-settings/ai-feature-settings-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { billingPath, featureLabel } from "@/lib/ai/access/decide";
import { tenantPlan } from "@/lib/ai/access/resolve-ai-access";
import { readAiConfig } from "@/lib/ai/config/read-ai-config";
import { AI_FEATURES } from "@/lib/ai/features";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { PLANS, smallestPlanWith } from "@/lib/billing/plans";
import { formatNumber } from "@/lib/format/format";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { tenantMetadata } from "@/lib/tenants/page-title";

export const generateMetadata = tenantMetadata("AI settings");

export default async function AiSettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  if (!can(access.role, "ai_settings.manage")) notFound();
  const [plan, config, format] = await Promise.all([
    tenantPlan(ctx),
    readAiConfig(ctx),
    readFormatSettings(access.tenant.id),
  ]);
  const def = PLANS[plan];
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">AI settings</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {access.tenant.name} is on the {def.name} plan: {formatNumber(def.monthlyCredits, format)} AI credits a month.
        </p>
      </div>
      {AI_FEATURES.map((feature) =>
        def.aiFeatures.includes(feature) ? (
          <Card key={feature}>
            <CardHeader>
              {/* CardTitle is the h2 itself: an h2 inside it is invalid HTML, which the parser splits into an empty heading. */}
              <CardTitle id={`ai-${feature}`}>{featureLabel(feature)}</CardTitle>
            </CardHeader>
            <CardContent>
              <AiFeatureSettingsForm slug={slug} settings={config[feature]} />
            </CardContent>
          </Card>
        ) : (
          <Card key={feature}>
            <CardHeader>
              <div className="flex items-center gap-2">
                <CardTitle>{featureLabel(feature)}</CardTitle>
                <Badge tone="amber">Not in your plan</Badge>
              </div>
              <CardDescription>
                Included from the {smallestPlanWith(feature).name} plan.{" "}
                <Link href={billingPath(slug)} className="font-medium text-brand-700 underline dark:text-brand-300">
                  Upgrade
                </Link>
              </CardDescription>
            </CardHeader>
          </Card>
        ),
      )}
    </div>
  );
}
