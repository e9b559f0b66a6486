// One format per kind of value (issue #13 item 10): every date, time, number and name in the
// tenant's pages goes through these, with the tenant's locale and time zone (a tenant setting,
// lib/tenants/update-format-settings.ts). Universal: server components call them with the
// settings they read, client components with the ones the tenant layout's FormatProvider
// passes down, so a page renders the same on the server and in the browser.
import type { SupportedLocale } from "./locales";

export type FormatSettings = { locale: SupportedLocale | string; timeZone: string };

// Intl formatters are costly to build (~20 µs each) and a table formats hundreds of cells: one
// per (settings, options) pair.
const cache = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(s: FormatSettings, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${s.locale}|${s.timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(s.locale, { ...options, timeZone: s.timeZone });
    cache.set(key, f);
  }
  return f;
}

/** An instant's day in the tenant's zone: "Dec 1, 2026" (en-US), "1 Dec 2026" (en-GB), "01.12.2026" (de-DE). */
export function formatDate(date: Date, s: FormatSettings): string {
  return dateTimeFormat(s, { dateStyle: "medium" }).format(date);
}

/** Date and time in the tenant's zone, the zone named when it is not obvious: "Dec 1, 2026, 2:05 PM CET". */
export function formatDateTime(date: Date, s: FormatSettings, options: { seconds?: boolean } = {}): string {
  return dateTimeFormat(s, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" } : {}),
    timeZoneName: "short",
  }).format(date);
}

/** A time of day in the tenant's zone: "2:05 PM" / "14:05". */
export function formatTime(date: Date, s: FormatSettings): string {
  return dateTimeFormat(s, { hour: "numeric", minute: "2-digit" }).format(date);
}

/**
 * A calendar day that is not an instant (a date of birth, a due day, a chart's day: stored as
 * "YYYY-MM-DD" or as that day in UTC): written in the tenant's locale, never shifted by its zone,
 * or a due day of the 26th would read the 27th in Tokyo.
 */
export function formatDay(
  day: string | Date,
  s: FormatSettings,
  style: "medium" | "short" | "long" = "medium",
): string {
  const date = typeof day === "string" ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day;
  if (Number.isNaN(date.getTime())) return String(day);
  const options: Intl.DateTimeFormatOptions =
    style === "medium"
      ? { dateStyle: "medium" }
      : style === "short"
        ? { day: "numeric", month: "short" }
        : { weekday: "short", day: "numeric", month: "long" };
  return dateTimeFormat({ locale: s.locale, timeZone: "UTC" }, options).format(date);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const JUST_NOW: Record<string, string> = {
  de: "gerade eben",
  fr: "à l’instant",
  es: "ahora mismo",
  nl: "zojuist",
  it: "proprio ora",
  pt: "agora mesmo",
};

/** "3 hours ago", "yesterday", "in 2 days" in the tenant's language; "just now" under a minute. */
export function formatRelative(date: Date, now: Date, s: FormatSettings): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(s.locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return JUST_NOW[String(s.locale).slice(0, 2)] ?? "just now";
}

/** A count or amount of credits: "12,345" / "12.345" / "12 345". */
export function formatNumber(value: number | bigint, s: Pick<FormatSettings, "locale">): string {
  return new Intl.NumberFormat(s.locale).format(value);
}

/** Money in the given currency: "€1,234.50" / "1.234,50 €". */
export function formatMoney(amount: number, currency: string, s: Pick<FormatSettings, "locale">): string {
  return new Intl.NumberFormat(s.locale, { style: "currency", currency: currency.toUpperCase() }).format(amount);
}

/**
 * A person's name, one order everywhere: given name first ("Amira Eriksen"). Lists sort by
 * last name in SQL; they still show the name this way.
 */
export function formatName(p: { firstName?: string | null; lastName?: string | null }): string {
  return [p.firstName, p.lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(" ");
}

/** An instant for <time dateTime>: unambiguous for assistive tech and scripts. */
export const isoInstant = (date: Date) => date.toISOString();
/** A calendar day for <time dateTime>. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
