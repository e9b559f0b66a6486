// Formatting for the pages outside a tenant (platform admin, public pricing): no tenant setting
// applies there, so the locale comes from Accept-Language and dates are in UTC. Tenant pages use
// lib/format/format.ts with the tenant's locale and time zone instead.

import * as tenantFormat from "@/lib/format/format";

const FALLBACK_LOCALE = "en-GB";

/** First supported language from an Accept-Language header, else en-GB. */
export function resolveLocale(acceptLanguage: string | null | undefined): string {
  const candidates = (acceptLanguage ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim())
    .filter((tag): tag is string => Boolean(tag) && tag !== "*");
  for (const tag of candidates) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Malformed tag: try the next one.
    }
  }
  return FALLBACK_LOCALE;
}

// The same formatters as the tenant pages (lib/format/format.ts), with UTC as the zone.
const utc = (locale: string) => ({ locale, timeZone: "UTC" });

export function formatDate(date: Date, locale: string): string {
  return tenantFormat.formatDate(date, utc(locale));
}

/** A YYYY-MM-DD day as a short label ("8 Nov"). */
export function formatDay(day: string, locale: string, style: "short" | "long" = "short"): string {
  return tenantFormat.formatDay(day, utc(locale), style);
}

export function formatNumber(value: number, locale: string): string {
  return tenantFormat.formatNumber(value, { locale });
}

/** An ISO date for <time dateTime>, so assistive tech and scripts read an unambiguous value. */
export const isoDate = tenantFormat.isoDay;

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "3 hours ago", "yesterday", "in 2 days"; "just now" under a minute. */
export function formatRelative(date: Date, now: Date, locale: string): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}
