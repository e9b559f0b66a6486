"use client";

import Link from "next/link";
import { CasePriorityBadge, CaseStatusBadge } from "@/components/dashboard/case-badges";
import { formatDate, type FormatSettings } from "@/lib/format/format";
import { BULK_FORM_ID } from "@/components/bulk-classification/form-id";
import type { CasePriority, CaseStatus } from "@/lib/generated/prisma/enums";
import { DueDate } from "./due-date";

/** One row of the case list: the fields it shows (dates format with the tenant's settings on both sides). */
export type CaseRow = {
  id: string;
  title: string;
  category: string | null;
  status: CaseStatus;
  priority: CasePriority;
  dueAt: Date | null;
  createdAt: Date;
  citizenId: string;
  citizenName: string;
  /** The assignee's name, "Former member" for one who left, null when unassigned. */
  assignee: string | null;
};

/**
 * The rows of the case list, rendered from data. A client component so that the RSC payload
 * carries each row as its fields (~400 bytes) rather than its element tree (every cell, badge
 * and class name), which React also streamed as one chunk per row. See citizen-rows.tsx.
 */
export function CaseRows({
  slug,
  rows,
  format,
  now,
  selectable,
}: {
  slug: string;
  rows: CaseRow[];
  format: FormatSettings;
  now: Date;
  selectable: boolean;
}) {
  return (
    <tbody className="divide-y divide-border">
      {rows.map((item) => (
        <tr key={item.id}>
          {selectable ? (
            <td className="w-10">
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
          <th scope="row" className="max-w-sm min-w-48 font-medium">
            <Link href={`/${slug}/cases/${item.id}`} prefetch={false} className="cell-link">
              {item.title}
            </Link>
            {item.category ? (
              <div className="mt-0.5 text-xs font-normal text-muted-foreground">{item.category}</div>
            ) : null}
          </th>
          <td>
            <Link href={`/${slug}/citizens/${item.citizenId}`} prefetch={false} className="cell-link">
              {item.citizenName}
            </Link>
          </td>
          <td>
            <CaseStatusBadge status={item.status} />
          </td>
          <td>
            <CasePriorityBadge priority={item.priority} />
          </td>
          <td className="whitespace-nowrap">
            {item.assignee ? (
              <span className="text-foreground">{item.assignee}</span>
            ) : (
              <span className="text-muted-foreground">Unassigned</span>
            )}
          </td>
          <td className="whitespace-nowrap">
            <DueDate dueAt={item.dueAt} status={item.status} now={now} format={format} />
          </td>
          <td className="whitespace-nowrap text-muted-foreground">
            <time dateTime={item.createdAt.toISOString()}>{formatDate(item.createdAt, format)}</time>
          </td>
        </tr>
      ))}
    </tbody>
  );
}
