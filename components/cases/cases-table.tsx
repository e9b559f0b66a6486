import Link from "next/link";
import { CasePriorityBadge, CaseStatusBadge } from "@/components/dashboard/case-badges";
import { formatDate, type FormatSettings } from "@/lib/format/format";
import type { CaseListItem } from "@/lib/cases/list";
import { BULK_FORM_ID } from "@/components/bulk-classification/form-id";
import { SelectAllCases } from "@/components/bulk-classification/select-all-cases";
import { DueDate } from "./due-date";

type Props = {
  slug: string;
  cases: CaseListItem[];
  format: FormatSettings;
  now: Date;
  caption: string;
  /** A checkbox per row for bulk classification (its inputs belong to that form). */
  selectable?: boolean;
};

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase whitespace-nowrap";
const td = "px-4 py-3 align-top";
const link = "rounded-sm text-foreground underline-offset-2 hover:underline";

export function CasesTable({ slug, cases, format, now, caption, selectable = false }: Props) {
  return (
    // Focusable so keyboard users can scroll the table sideways on narrow screens.
    <div role="region" aria-label="Cases table" tabIndex={0} className="relative overflow-x-auto">
      <table className="w-full min-w-[56rem] border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border bg-surface-muted/60">
          <tr>
            {selectable ? (
              <th scope="col" className={`${th} w-10`}>
                <SelectAllCases />
              </th>
            ) : null}
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
              Assignee
            </th>
            <th scope="col" className={th}>
              Due
            </th>
            <th scope="col" className={th}>
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {cases.map((item) => (
            <tr key={item.id} className="hover:bg-surface-muted/40">
              {selectable ? (
                <td className={`${td} w-10`}>
                  <input
                    type="checkbox"
                    name="caseIds"
                    value={item.id}
                    form={BULK_FORM_ID}
                    aria-label={`Select case ${item.title}`}
                    className="size-4"
                  />
                </td>
              ) : null}
              <th scope="row" className={`${td} max-w-sm min-w-48 text-left font-medium`}>
                <Link href={`/${slug}/cases/${item.id}`} className={link}>
                  {item.title}
                </Link>
                {item.category ? (
                  <div className="mt-0.5 text-xs font-normal text-muted-foreground">{item.category}</div>
                ) : null}
              </th>
              <td className={td}>
                <Link href={`/${slug}/citizens/${item.citizenId}`} className={link}>
                  {item.citizenName}
                </Link>
              </td>
              <td className={td}>
                <CaseStatusBadge status={item.status} />
              </td>
              <td className={td}>
                <CasePriorityBadge priority={item.priority} />
              </td>
              <td className={`${td} whitespace-nowrap`}>
                {item.assigneeId ? (
                  <span className="text-foreground">{item.assigneeName ?? "Former member"}</span>
                ) : (
                  <span className="text-muted-foreground">Unassigned</span>
                )}
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <DueDate dueAt={item.dueAt} status={item.status} now={now} format={format} />
              </td>
              <td className={`${td} whitespace-nowrap text-muted-foreground`}>
                <time dateTime={item.createdAt.toISOString()}>{formatDate(item.createdAt, format)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
