// Times on the cases pages: an absolute date-time (UTC, since the server cannot know the
// reader's time zone and the same page must not differ per server) and a relative phrase.
import { formatDate, formatRelative } from "@/components/dashboard/format";

export { formatDate, formatRelative };

export function formatDateTime(date: Date, locale: string): string {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}
