// Tenant-local calendar arithmetic for the briefing, with Intl (same tz database as Postgres'
// AT TIME ZONE): the local date and time of an instant, and the day before a date. Pure.

/** The instant's local date (YYYY-MM-DD) and time (HH:MM) in `timeZone`. */
export function localNow(now: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The calendar day before `date` (YYYY-MM-DD), independent of any zone. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day a briefing written at `now` reports on: the tenant's yesterday. */
export function briefingDay(now: Date, timeZone: string): string {
  return dayBefore(localNow(now, timeZone).date);
}

/** Whether the tenant's briefing time has come today (both HH:MM, so they compare as strings). */
export function isBriefingDue(now: Date, timeZone: string, timeOfDay: string): boolean {
  return localNow(now, timeZone).time >= timeOfDay;
}
