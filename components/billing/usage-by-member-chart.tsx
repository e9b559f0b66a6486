import { formatNumber } from "@/components/dashboard/format";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { PersonUsage, UsageByMember } from "@/lib/usage/read-usage-by-member";
import { USAGE_RANGES } from "@/lib/usage/schemas";

type Props = {
  usage: UsageByMember;
  locale: string;
  tenantSlug: string;
  /** The range and bucket as chosen (the form shows them). */
  days: number;
  /** The page's other query parameters (the ledger's filters), kept when the range changes. */
  keep: Record<string, string | undefined>;
};

type Line = {
  key: string;
  person: PersonUsage | null;
  label: string;
  credits: number;
  calls: number;
  series: number[];
};

const STATUS_NOTE: Record<PersonUsage["status"], string | null> = {
  member: null,
  removed: "No longer a member",
  deleted: "Account deleted",
  system: null,
};

function lineLabel(p: PersonUsage): string {
  if (p.status === "system") return "Background work (no person)";
  if (p.status === "deleted") return "Deleted account";
  return p.name ?? "Unnamed";
}

/**
 * Credits per person per day or week: one small bar chart per person on a shared scale (so the
 * bars compare across people), the numbers as text beside each and, for screen readers and exact
 * values, every bucket in a table. Members link to their row on the members page; removed
 * members and deleted accounts say so. Colours from the theme, so dark mode works.
 */
export function UsageByMemberChart({ usage, locale, tenantSlug, days, keep }: Props) {
  const n = (v: number) => formatNumber(v, locale);
  const unit = usage.bucket === "week" ? "week" : "day";
  const lines: Line[] = usage.people.map((p) => ({
    key: p.userId ?? "system",
    person: p,
    label: lineLabel(p),
    credits: p.credits,
    calls: p.calls,
    series: p.series,
  }));
  if (usage.others)
    lines.push({
      key: "others",
      person: null,
      label: `Everyone else (${usage.others.people} people)`,
      credits: usage.others.credits,
      calls: usage.others.calls,
      series: usage.others.series,
    });
  const max = Math.max(0, ...lines.flatMap((l) => l.series));
  const W = 10;
  const basePath = `/${tenantSlug}/settings/billing`;
  return (
    <Card aria-labelledby="usage-people-heading">
      <CardHeader>
        <CardTitle id="usage-people-heading">AI usage per person over time</CardTitle>
        <CardDescription>
          {usage.from} to {usage.to} (UTC), per {unit}: {n(usage.total)} credits.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <form
          action={`${basePath}#usage-people-heading`}
          method="get"
          aria-label="Choose the period of the per-person chart"
          className="flex flex-wrap items-end gap-4"
        >
          {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
          <div>
            <Label htmlFor="usage-range">Period</Label>
            <Select id="usage-range" name="usageRange" defaultValue={String(days)} className="mt-1.5">
              {USAGE_RANGES.map((r) => (
                <option key={r} value={r}>
                  Last {r} days
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="usage-bucket">Per</Label>
            <Select id="usage-bucket" name="usageBucket" defaultValue={usage.bucket} className="mt-1.5">
              <option value="day">Day</option>
              <option value="week">Week</option>
            </Select>
          </div>
          <button type="submit" className={buttonClasses({ variant: "secondary" })}>
            Show
          </button>
          {days > 90 ? (
            <p className="basis-full text-xs text-muted-foreground">Periods longer than 90 days are shown per week.</p>
          ) : null}
        </form>
        {usage.total === 0 ? (
          <EmptyState title="Nobody used AI features in this period">
            Credits each person spends will be charted here.
          </EmptyState>
        ) : (
          <>
            <ul className="flex flex-col gap-4" aria-label={`Credits per person per ${unit}`}>
              {lines.map((l) => {
                const peak = l.series.reduce((a, v, i) => (v > l.series[a]! ? i : a), 0);
                const note = l.person ? STATUS_NOTE[l.person.status] : null;
                return (
                  <li key={l.key} className="flex flex-col gap-1">
                    <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                      <span className="flex items-center gap-2">
                        {l.person?.status === "member" && l.person.userId ? (
                          // A plain link, not next/link: a full load makes the row :target (highlighted);
                          // a client-side navigation (pushState) never does.
                          <a
                            href={`/${tenantSlug}/settings/members#member-${l.person.userId}`}
                            className="rounded font-medium text-brand-700 hover:underline dark:text-brand-300"
                          >
                            {l.label}
                          </a>
                        ) : (
                          <span className="font-medium text-foreground">{l.label}</span>
                        )}
                        {note ? <Badge>{note}</Badge> : null}
                      </span>
                      <span className="text-muted-foreground tabular-nums">
                        {n(l.credits)} credits · {n(l.calls)} {l.calls === 1 ? "request" : "requests"}
                      </span>
                    </div>
                    <svg
                      role="img"
                      viewBox={`0 0 ${l.series.length * W} 40`}
                      preserveAspectRatio="none"
                      className="h-10 w-full rounded border border-border bg-surface"
                    >
                      <title>{`${l.label}: ${n(l.credits)} credits, most in the ${unit} from ${usage.buckets[peak]} (${n(l.series[peak]!)}). The table below has every ${unit}.`}</title>
                      {l.series.map((v, i) => {
                        const h = max > 0 ? Math.max((v / max) * 38, v > 0 ? 1.5 : 0) : 0;
                        return (
                          <rect
                            key={usage.buckets[i]}
                            x={i * W + 1}
                            width={W - 2}
                            y={40 - h}
                            height={h}
                            className="fill-brand-600 dark:fill-brand-400"
                          >
                            <title>{`${usage.buckets[i]}: ${n(v)} credits`}</title>
                          </rect>
                        );
                      })}
                    </svg>
                  </li>
                );
              })}
            </ul>
            <div className="flex justify-between text-xs text-muted-foreground" aria-hidden="true">
              <span>{usage.buckets[0]}</span>
              <span>{usage.buckets.at(-1)}</span>
            </div>
            <details className="text-sm">
              <summary className="cursor-pointer text-muted-foreground">Show every {unit} as a table</summary>
              <div className="mt-2 overflow-x-auto">
                <table className="w-full text-left">
                  <caption className="sr-only">{`Credits per person per ${unit} (UTC), ${usage.from} to ${usage.to}`}</caption>
                  <thead className="text-xs text-muted-foreground uppercase">
                    <tr>
                      <th scope="col" className="py-1 pr-4 font-semibold">
                        {unit === "week" ? "Week from" : "Day"}
                      </th>
                      {lines.map((l) => (
                        <th key={l.key} scope="col" className="py-1 pr-4 text-right font-semibold">
                          {l.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-border">
                    {usage.buckets.map((b, i) => (
                      <tr key={b}>
                        <th scope="row" className="py-1 pr-4 font-normal text-muted-foreground">
                          {b}
                        </th>
                        {lines.map((l) => (
                          <td key={l.key} className="py-1 pr-4 text-right tabular-nums text-foreground">
                            {n(l.series[i]!)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </CardContent>
    </Card>
  );
}
