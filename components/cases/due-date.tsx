import { isClosedStatus } from "@/components/dashboard/case-labels";
import { formatDay, isoDay, type FormatSettings } from "@/lib/format/format";
import { AlertIcon } from "@/components/ui/icons";
import type { CaseStatus } from "@/lib/generated/prisma/enums";

/** Whether a case is past its due date and still being worked on. */
export function isOverdue(dueAt: Date | null, status: CaseStatus, now: Date): boolean {
  return dueAt !== null && dueAt < now && !isClosedStatus(status);
}

/** The due date, marked "overdue" in words (not colour alone) when it has passed on an open case. */
export function DueDate({
  dueAt,
  status,
  now,
  format,
}: {
  dueAt: Date | null;
  status: CaseStatus;
  now: Date;
  format: FormatSettings;
}) {
  if (!dueAt) {
    return (
      <span className="text-muted-foreground">
        <span aria-hidden="true">—</span>
        <span className="sr-only">No due date</span>
      </span>
    );
  }
  const overdue = isOverdue(dueAt, status, now);
  return (
    <span
      className={
        overdue
          ? "inline-flex items-center gap-1.5 font-medium text-red-700 dark:text-red-300"
          : "text-muted-foreground"
      }
    >
      <time dateTime={isoDay(dueAt)}>{formatDay(dueAt, format)}</time>
      {overdue ? (
        <span className="inline-flex items-center gap-1 rounded-md bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-600/20 ring-inset dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/25">
          <AlertIcon className="size-3.5" />
          overdue
        </span>
      ) : null}
    </span>
  );
}
