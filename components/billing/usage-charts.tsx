import { formatNumber, type FormatSettings } from "@/lib/format/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { featureLabel } from "@/lib/ai/access/decide";
import { isAiFeature } from "@/lib/ai/features";
import type { UsageSummary } from "@/lib/usage/read-usage-summary";

const label = (feature: string) => (isAiFeature(feature) ? featureLabel(feature) : feature);

/**
 * Credits spent per day (a bar chart with the numbers as a table beside it, for screen readers
 * and for reading exact values), per AI feature and per staff member (tables whose bars are
 * decoration: the numbers are the content). Colours from the theme, so dark mode works.
 */
export function UsageCharts({ usage, format }: { usage: UsageSummary; format: FormatSettings }) {
  const n = (v: number) => formatNumber(v, format);
  const max = Math.max(...usage.days.map((d) => d.credits), 0);
  const peak = usage.days.reduce((a, b) => (b.credits > a.credits ? b : a), usage.days[0]!);
  const W = 10;
  return (
    <Card aria-labelledby="usage-heading">
      <CardHeader>
        <CardTitle id="usage-heading">AI usage</CardTitle>
        <CardDescription>
          The last {usage.days.length} days (UTC): {n(usage.total)} credits, at the prices of the day each request ran.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {usage.total === 0 ? (
          <EmptyState title="No AI use in this period">Credits spent by AI features will be charted here.</EmptyState>
        ) : (
          <>
            <figure className="flex flex-col gap-2">
              <figcaption className="text-sm font-medium text-foreground">Credits per day</figcaption>
              <svg
                role="img"
                viewBox={`0 0 ${usage.days.length * W} 100`}
                preserveAspectRatio="none"
                className="h-32 w-full rounded border border-border bg-surface"
              >
                <title>{`Credits per day: ${n(usage.total)} in total, most on ${peak.day} (${n(peak.credits)}). The table below has every day.`}</title>
                {usage.days.map((d, i) => {
                  const h = max > 0 ? Math.max((d.credits / max) * 96, d.credits > 0 ? 2 : 0) : 0;
                  return (
                    <rect
                      key={d.day}
                      x={i * W + 1}
                      width={W - 2}
                      y={100 - h}
                      height={h}
                      className="fill-brand-600 dark:fill-brand-400"
                    >
                      <title>{`${d.day}: ${n(d.credits)} credits`}</title>
                    </rect>
                  );
                })}
              </svg>
              <div className="flex justify-between text-xs text-muted-foreground" aria-hidden="true">
                <span>{usage.days[0]!.day}</span>
                <span>{usage.days.at(-1)!.day}</span>
              </div>
              <details className="text-sm">
                <summary className="cursor-pointer text-muted-foreground">Show the days as a table</summary>
                <table className="mt-2 w-full max-w-sm text-left">
                  <caption className="sr-only">Credits per day (UTC)</caption>
                  <thead className="text-xs text-muted-foreground uppercase">
                    <tr>
                      <th scope="col" className="py-1 pr-4 font-semibold">
                        Day
                      </th>
                      <th scope="col" className="py-1 text-right font-semibold">
                        Credits
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-border">
                    {usage.days.map((d) => (
                      <tr key={d.day}>
                        <td className="py-1 pr-4 text-muted-foreground">{d.day}</td>
                        <td className="py-1 text-right tabular-nums text-foreground">{n(d.credits)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </figure>
            <UsageTable
              caption="Credits per AI feature"
              head="AI feature"
              rows={usage.features.map((f) => ({
                key: f.feature,
                name: label(f.feature),
                calls: f.calls,
                credits: f.credits,
              }))}
              total={usage.total}
              n={n}
            />
            <UsageTable
              caption="Credits per person (the ten who used most)"
              head="Person"
              rows={usage.users.map((u) => ({
                key: u.userId ?? "system",
                name: u.name ?? (u.userId ? "Former member" : "Background work"),
                calls: u.calls,
                credits: u.credits,
              }))}
              total={usage.total}
              n={n}
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}

type Row = { key: string; name: string; calls: number; credits: number };

function UsageTable({
  caption,
  head,
  rows,
  total,
  n,
}: {
  caption: string;
  head: string;
  rows: Row[];
  total: number;
  n: (v: number) => string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="pb-2 text-left text-sm font-medium text-foreground">{caption}</caption>
        <thead className="text-xs text-muted-foreground uppercase">
          <tr>
            <th scope="col" className="py-2 pr-4 font-semibold">
              {head}
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-semibold">
              Requests
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-semibold">
              Credits
            </th>
            <th scope="col" className="w-1/3 py-2 font-semibold">
              Share
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rows.map((r) => {
            const share = total > 0 ? Math.round((r.credits / total) * 100) : 0;
            return (
              <tr key={r.key}>
                <td className="py-2 pr-4 text-foreground">{r.name}</td>
                <td className="py-2 pr-4 text-right tabular-nums text-muted-foreground">{n(r.calls)}</td>
                <td className="py-2 pr-4 text-right font-medium tabular-nums text-foreground">{n(r.credits)}</td>
                <td className="py-2">
                  <span className="flex items-center gap-2">
                    <span className="h-2 flex-1 rounded bg-border" aria-hidden="true">
                      <span
                        className="block h-2 rounded bg-brand-600 dark:bg-brand-400"
                        style={{ width: `${share}%` }}
                      />
                    </span>
                    <span className="w-10 text-right text-xs tabular-nums text-muted-foreground">{share}%</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
