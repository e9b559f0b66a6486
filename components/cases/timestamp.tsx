import { formatDateTime, formatRelative } from "./format";

/** "2 hours ago" with the exact time beside it (and machine-readable in dateTime). */
export function Timestamp({ date, now, locale }: { date: Date; now: Date; locale: string }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date, locale)}>
      {formatRelative(date, now, locale)}
      <span className="text-muted-foreground"> · {formatDateTime(date, locale)}</span>
    </time>
  );
}
