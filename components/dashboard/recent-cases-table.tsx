import Link from "next/link";
import { FolderIcon } from "@/components/ui/icons";
import { CasePriorityBadge, CaseStatusBadge } from "@/components/dashboard/case-badges";
import { isClosedStatus } from "@/components/dashboard/case-labels";
import { formatDate, formatDay, isoDay, type FormatSettings } from "@/lib/format/format";
import type { DashboardSummary } from "@/lib/dashboard/types";

type Props = {
  slug: string;
  cases: DashboardSummary["recentCases"];
  format: FormatSettings;
  now: Date;
};

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase whitespace-nowrap";
const td = "px-4 py-3 align-top";

export function RecentCasesTable({ slug, cases, format, now }: Props) {
  if (cases.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
        <span className="flex size-12 items-center justify-center rounded-full bg-surface-muted text-muted-foreground">
          <FolderIcon className="size-6" />
        </span>
        <p className="font-medium text-foreground">No cases yet</p>
        <p className="max-w-sm text-sm text-muted-foreground">
          Cases opened for citizens in this organisation will appear here, newest first.
        </p>
      </div>
    );
  }

  return (
    // Focusable so keyboard users can scroll the table sideways on narrow screens; relative so
    // the sr-only spans inside (absolutely positioned) are clipped here instead of widening the page.
    <div role="region" aria-label="Recent cases table" tabIndex={0} className="relative overflow-x-auto">
      <table className="w-full min-w-[48rem] border-collapse text-sm">
        <thead className="border-y border-border bg-surface-muted/60">
          <tr>
            <th scope="col" className={th}>
              Case
            </th>
            <th scope="col" className={th}>
              Citizen
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Priority
            </th>
            <th scope="col" className={th}>
              Created
            </th>
            <th scope="col" className={th}>
              Due
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {cases.map((item) => {
            const overdue = item.dueAt !== null && item.dueAt < now && !isClosedStatus(item.status);
            return (
              <tr key={item.id} className="hover:bg-surface-muted/40">
                <th scope="row" className={`${td} min-w-48 text-left font-medium text-foreground`}>
                  {/* Each row is a way into its case (the list's own link style). */}
                  <Link
                    href={`/${slug}/cases/${item.id}`}
                    className="rounded-sm text-foreground underline-offset-2 hover:underline"
                  >
                    {item.title}
                  </Link>
                </th>
                <td className={`${td} text-foreground`}>{item.citizenName}</td>
                <td className={td}>
                  <CaseStatusBadge status={item.status} />
                </td>
                <td className={td}>
                  <CasePriorityBadge priority={item.priority} />
                </td>
                <td className={`${td} whitespace-nowrap text-muted-foreground`}>
                  <time dateTime={item.createdAt.toISOString()}>{formatDate(item.createdAt, format)}</time>
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  {item.dueAt ? (
                    <span className={overdue ? "font-medium text-red-700 dark:text-red-300" : "text-muted-foreground"}>
                      <time dateTime={isoDay(item.dueAt)}>{formatDay(item.dueAt, format)}</time>
                      {overdue ? <span className="ml-1.5 text-xs">(overdue)</span> : null}
                    </span>
                  ) : (
                    <span className="text-muted-foreground">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">No due date</span>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
