import { formatDateTime, formatRelative, type FormatSettings } from "@/lib/format/format";

/** "2 hours ago" with the exact time beside it (and machine-readable in dateTime). */
export function Timestamp({ date, now, format }: { date: Date; now: Date; format: FormatSettings }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date, format)}>
      {formatRelative(date, now, format)}
      <span className="text-muted-foreground"> · {formatDateTime(date, format)}</span>
    </time>
  );
}
