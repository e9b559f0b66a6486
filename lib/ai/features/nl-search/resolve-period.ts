// Relative periods ("last month") as the list's day filters, for a calendar day `today` in the
// tenant's time zone: the model names the period, this code does the calendar, so "last month"
// on 1 March is February whatever the model believes today is. Weeks start on Monday (ISO 8601).
// Pure: table-tested in tests/unit/nl-search-period.test.ts.
import type { Period } from "./schemas";

export type DayRange = { createdFrom: string; createdTo: string };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** The calendar day of `now` in `timeZone`, as YYYY-MM-DD. */
export function dayIn(now: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function resolvePeriod(period: Period, today: string): DayRange {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const t = utcDay(y, m - 1, d);
  const back = (days: number) => utcDay(y, m - 1, d - days);
  const mondayOffset = (t.getUTCDay() + 6) % 7;
  switch (period) {
    case "today":
      return { createdFrom: today, createdTo: today };
    case "yesterday":
      return { createdFrom: iso(back(1)), createdTo: iso(back(1)) };
    case "this_week":
      return { createdFrom: iso(back(mondayOffset)), createdTo: today };
    case "last_week":
      return { createdFrom: iso(back(mondayOffset + 7)), createdTo: iso(back(mondayOffset + 1)) };
    case "this_month":
      return { createdFrom: iso(utcDay(y, m - 1, 1)), createdTo: today };
    case "last_month":
      return { createdFrom: iso(utcDay(y, m - 2, 1)), createdTo: iso(utcDay(y, m - 1, 0)) };
    case "last_7_days":
      return { createdFrom: iso(back(6)), createdTo: today };
    case "last_30_days":
      return { createdFrom: iso(back(29)), createdTo: today };
    case "last_90_days":
      return { createdFrom: iso(back(89)), createdTo: today };
    case "this_year":
      return { createdFrom: `${y}-01-01`, createdTo: today };
    case "last_year":
      return { createdFrom: `${y - 1}-01-01`, createdTo: `${y - 1}-12-31` };
  }
}
