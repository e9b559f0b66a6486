// The one calendar-day type of the input schemas (YYYY-MM-DD: filters, due dates, birth dates,
// consent dates, custom DATE fields). z.iso.date() alone let 0000-01-01 and 9999-12-31 through:
// PostgreSQL has no year 0, and "the day after 9999-12-31" is not a timestamp, so those were
// 500s. A day here is a real date of the calendar inside a range the product has a use for.
// Client-safe.
import { z } from "zod";

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Event dates (filters, due dates, consents): a generous window around today. */
export const EVENT_DAY_MIN = "1900-01-01";
export const EVENT_DAY_MAX = "2200-12-31";
/** The oldest birth date anyone alive or in a historic register plausibly has. */
export const BIRTH_DAY_MIN = "1870-01-01";

/** Today in UTC, as YYYY-MM-DD (every day the product shows is read as UTC). */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** True for a YYYY-MM-DD that names a day of the calendar (no 2026-02-30, no month 13). */
export function isRealDay(value: string): boolean {
  if (!SHAPE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Why a YYYY-MM-DD-shaped value names no day ("2099-13-45": there is no month 13), so a person
 * is told what to fix instead of a format they already used. Null for any other value. The
 * value itself is not repeated: import reports store these messages, and a date of birth is
 * personal data (the report names the line and the field).
 */
export function unrealDayProblem(value: string): string | null {
  if (!SHAPE.test(value) || isRealDay(value)) return null;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  if (m < 1 || m > 12) return `Not a real date: there is no month ${m}`;
  if (d < 1) return "Not a real date: there is no day 0";
  const days = new Date(Date.UTC(2000, m, 0)).getUTCDate() - (m === 2 && !isLeapYear(y) ? 1 : 0);
  return `Not a real date: ${MONTHS[m - 1]}${m === 2 ? ` ${y}` : ""} has ${days} days`;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export type DayOptions = {
  /** The message for anything that is not a real YYYY-MM-DD day. */
  message?: string;
  /** Earliest and latest accepted day (inclusive); a function is read at each parse (e.g. today). */
  min?: string | (() => string);
  max?: string | (() => string);
  /** The message for a real day outside the range. */
  rangeMessage?: string;
};

const read = (bound: string | (() => string)) => (typeof bound === "function" ? bound() : bound);

/** Why `value` is not an acceptable day, or null (for checks outside zod, e.g. custom fields). */
export function dayProblem(value: string, options: DayOptions = {}): string | null {
  const min = read(options.min ?? EVENT_DAY_MIN);
  const max = read(options.max ?? EVENT_DAY_MAX);
  if (!isRealDay(value)) return unrealDayProblem(value) ?? options.message ?? "Use YYYY-MM-DD";
  // ISO days compare correctly as strings.
  if (value < min || value > max)
    return options.rangeMessage ?? `Enter a date between ${min.slice(0, 4)} and ${max.slice(0, 4)}`;
  return null;
}

/** A required day. Blank handling is the caller's (see optionalDay). */
export function day(options: DayOptions = {}) {
  return z.string({ error: options.message ?? "Use YYYY-MM-DD" }).superRefine((value, ctx) => {
    const problem = dayProblem(value, options);
    if (problem) ctx.addIssue({ code: "custom", message: problem, continue: false });
  });
}

/** An optional day: "", whitespace and null are unset; the rest is trimmed first. */
export function optionalDay(options: DayOptions = {}) {
  return z.preprocess((v) => {
    if (v === null) return undefined;
    if (typeof v !== "string") return v;
    const t = v.trim();
    return t === "" ? undefined : t;
  }, day(options).optional());
}
