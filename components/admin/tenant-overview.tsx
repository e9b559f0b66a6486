import { CaseStatusBadge } from "@/components/dashboard/case-badges";
import { CASE_STATUSES, caseStatusLabel } from "@/components/dashboard/case-labels";
import { formatDate, formatNumber } from "@/components/dashboard/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { TenantOverview } from "@/lib/admin/types";
import { td, th } from "./table-styles";

const roleLabels = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
  COMPLIANCE: "Compliance",
} as const;

/** The result of the audited read: members, record counts and the newest cases. */
export function TenantOverviewView({ overview, locale }: { overview: TenantOverview; locale: string }) {
  const totalCases = CASE_STATUSES.reduce((n, s) => n + overview.casesByStatus[s], 0);
  return (
    <div className="flex flex-col gap-6">
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Figure label="Citizens" value={formatNumber(overview.citizenCount, locale)} />
        <Figure label="Cases" value={formatNumber(totalCases, locale)} />
        <Figure label="Members" value={formatNumber(overview.members.length, locale)} />
      </dl>

      <Card aria-labelledby="overview-status-heading">
        <CardHeader>
          <CardTitle id="overview-status-heading">Cases by status</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {CASE_STATUSES.map((status) => (
              <div key={status} className="rounded-lg bg-surface-muted px-3 py-2">
                <dt className="text-xs text-muted-foreground">{caseStatusLabel[status]}</dt>
                <dd className="text-lg font-semibold tabular-nums">
                  {formatNumber(overview.casesByStatus[status], locale)}
                </dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>

      <Card aria-labelledby="overview-members-heading">
        <CardHeader className="pb-4">
          <CardTitle id="overview-members-heading">Members</CardTitle>
        </CardHeader>
        {overview.members.length === 0 ? (
          <p className="px-5 pb-5 text-sm text-muted-foreground">This organisation has no members.</p>
        ) : (
          <div role="region" aria-label="Members table" tabIndex={0} className="relative overflow-x-auto">
            <table className="w-full min-w-[32rem] border-collapse text-sm">
              <thead className="border-y border-border bg-surface-muted/60">
                <tr>
                  <th scope="col" className={th}>
                    Name
                  </th>
                  <th scope="col" className={th}>
                    Email
                  </th>
                  <th scope="col" className={th}>
                    Role
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {overview.members.map((m) => (
                  <tr key={m.userId}>
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {m.name}
                    </th>
                    <td className={`${td} text-muted-foreground`}>{m.email}</td>
                    <td className={td}>{roleLabels[m.role]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card aria-labelledby="overview-cases-heading">
        <CardHeader className="pb-4">
          <CardTitle id="overview-cases-heading">Newest cases</CardTitle>
          <CardDescription>The ten most recently opened, newest first.</CardDescription>
        </CardHeader>
        {overview.recentCases.length === 0 ? (
          <p className="px-5 pb-5 text-sm text-muted-foreground">No cases yet.</p>
        ) : (
          <div role="region" aria-label="Newest cases table" tabIndex={0} className="relative overflow-x-auto">
            <table className="w-full min-w-[32rem] border-collapse text-sm">
              <thead className="border-y border-border bg-surface-muted/60">
                <tr>
                  <th scope="col" className={th}>
                    Case
                  </th>
                  <th scope="col" className={th}>
                    Status
                  </th>
                  <th scope="col" className={th}>
                    Created
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {overview.recentCases.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {c.title}
                    </th>
                    <td className={td}>
                      <CaseStatusBadge status={c.status} />
                    </td>
                    <td className={`${td} whitespace-nowrap text-muted-foreground`}>
                      <time dateTime={c.createdAt.toISOString()}>{formatDate(c.createdAt, locale)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-border bg-surface p-4 shadow-sm">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{value}</dd>
    </div>
  );
}
