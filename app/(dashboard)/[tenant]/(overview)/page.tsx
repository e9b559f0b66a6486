import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AlertIcon, FolderIcon, UsersIcon } from "@/components/ui/icons";
import { CasesByStatusChart } from "@/components/dashboard/cases-by-status-chart";
import { CasesPerDayChart } from "@/components/dashboard/cases-per-day-chart";
import { RecentCasesTable } from "@/components/dashboard/recent-cases-table";
import { StatCard } from "@/components/dashboard/stat-card";
import { RecentActivity } from "@/components/dashboard/recent-activity";
import { formatNumber } from "@/lib/format/format";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { getDashboardSummary } from "@/lib/dashboard/summary";
import { BriefingPanel } from "@/components/dashboard/briefing-panel";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import type { AiFeatureSettingsFor } from "@/lib/ai/config/schemas";
import { briefingDay } from "@/lib/ai/features/briefing/local-day";
import { readBriefing } from "@/lib/ai/features/briefing/read-briefing";
import { can } from "@/lib/auth/permissions";
import { aiStatus } from "@/lib/config/ai";

type Props = { params: Promise<{ tenant: string }> };

// Goes through the same (request-cached) access check as the layout, so a tenant the user cannot
// see gets the not-found title too, and tabs for different tenants can be told apart.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant: tenantSlug } = await params;
  const access = await requireTenantAccess(tenantSlug);
  return { title: `Dashboard – ${access.tenant.name}` };
}

export default async function DashboardPage({ params }: Props) {
  const { tenant: tenantSlug } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(tenantSlug), tenantContext(tenantSlug)]);
  const now = new Date();
  const status = aiStatus();
  const [summary, briefingAccess] = await Promise.all([
    getDashboardSummary(ctx),
    resolveAiAccess({ ...ctx, access }, "briefing", status),
  ]);
  // The briefing panel shows when the plan, the installation and the tenant's settings allow
  // the feature; the day is the tenant's yesterday in its own time zone.
  const briefingConfig = briefingAccess.allowed ? (briefingAccess.config as AiFeatureSettingsFor<"briefing">) : null;
  const day = briefingConfig ? briefingDay(now, briefingConfig.timeZone) : null;
  const briefing = day ? await readBriefing(ctx, day) : null;
  const format = await readFormatSettings(access.tenant.id);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Dashboard</h1>
        <p className="mt-1 text-sm text-muted-foreground">{access.tenant.name} · citizens and casework at a glance</p>
      </div>

      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading" className="sr-only">
          Key figures
        </h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          <StatCard
            label="Citizens"
            value={formatNumber(summary.citizens, format)}
            hint="Records held by this organisation"
            Icon={UsersIcon}
          />
          <StatCard
            label="Open cases"
            value={formatNumber(summary.openCases, format)}
            hint="Not yet resolved or closed"
            Icon={FolderIcon}
          />
          <StatCard
            label="Overdue cases"
            value={formatNumber(summary.overdueCases, format)}
            hint={summary.overdueCases > 0 ? "Past their due date and still open" : "Nothing past its due date"}
            Icon={AlertIcon}
            tone={summary.overdueCases > 0 ? "warning" : "default"}
          />
        </dl>
      </section>

      {day ? (
        <BriefingPanel
          tenantSlug={tenantSlug}
          day={day}
          initial={briefing}
          canGenerate={can(access.role, "ai_settings.manage")}
          demo={status.demo}
        />
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="status-chart-heading">
          <CardHeader>
            <CardTitle id="status-chart-heading">Cases by status</CardTitle>
            <CardDescription>Every case in this organisation, by where it is in the workflow.</CardDescription>
          </CardHeader>
          <CardContent>
            <CasesByStatusChart data={summary.casesByStatus} format={format} />
          </CardContent>
        </Card>
        <Card aria-labelledby="daily-chart-heading">
          <CardHeader>
            <CardTitle id="daily-chart-heading">New cases per day</CardTitle>
            <CardDescription>Cases opened over the last 14 days.</CardDescription>
          </CardHeader>
          <CardContent>
            <CasesPerDayChart data={summary.casesPerDay} format={format} />
          </CardContent>
        </Card>
      </div>

      <Card aria-labelledby="activity-heading">
        <CardHeader className="pb-2">
          <CardTitle id="activity-heading">Recent activity</CardTitle>
          <CardDescription>What happened on cases lately.</CardDescription>
        </CardHeader>
        <RecentActivity slug={tenantSlug} items={summary.recentActivity} format={format} now={now} />
      </Card>

      <Card aria-labelledby="recent-cases-heading">
        <CardHeader className="pb-4">
          <CardTitle id="recent-cases-heading">Recent cases</CardTitle>
          <CardDescription>The latest cases opened, newest first.</CardDescription>
        </CardHeader>
        <RecentCasesTable slug={tenantSlug} cases={summary.recentCases} format={format} now={now} />
      </Card>
    </div>
  );
}
