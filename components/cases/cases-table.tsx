import type { CaseListItem } from "@/lib/cases/list";
import type { FormatSettings } from "@/lib/format/format";
import { SelectAllCases } from "@/components/bulk-classification/select-all-cases";
import { CaseRows, type CaseRow } from "./case-rows";

type Props = {
  slug: string;
  cases: CaseListItem[];
  format: FormatSettings;
  now: Date;
  caption: string;
  /** A checkbox per row for bulk classification (its inputs belong to that form). */
  selectable?: boolean;
};

// Cell padding, header type and row hover: .data-table (app/globals.css), as on every list.
const th = "whitespace-nowrap";

/** Only what a row shows crosses to the client (not the version or the assignee's id). */
function toRow(c: CaseListItem): CaseRow {
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    status: c.status,
    priority: c.priority,
    dueAt: c.dueAt,
    createdAt: c.createdAt,
    citizenId: c.citizenId,
    citizenName: c.citizenName,
    assignee: c.assigneeId ? (c.assigneeName ?? "Former member") : null,
  };
}

export function CasesTable({ slug, cases, format, now, caption, selectable = false }: Props) {
  return (
    // Focusable so keyboard users can scroll the table sideways on narrow screens.
    <div role="region" aria-label="Cases table" tabIndex={0} className="relative overflow-x-auto">
      <table className="data-table w-full min-w-[56rem] border-collapse text-sm">
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
        <CaseRows slug={slug} rows={cases.map(toRow)} format={format} now={now} selectable={selectable} />
      </table>
    </div>
  );
}
