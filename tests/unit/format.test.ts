// lib/format: one format per kind of value, from the tenant's locale and time zone (issue #13
// item 10). Each supported locale, zones on both sides of UTC, the DST switch, calendar days
// that must not shift with the zone, and one name order.
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatMoney,
  formatName,
  formatNumber,
  formatRelative,
  formatTime,
} from "@/lib/format/format";
import {
  canonicalTimeZone,
  isSupportedLocale,
  isTimeZone,
  SUPPORTED_LOCALES,
  timeZoneOptions,
} from "@/lib/format/locales";
import { formatSettingsSchema } from "@/lib/tenants/schemas";

// Normalise the narrow no-break spaces ICU puts before "PM" and inside numbers.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const at = new Date("2026-12-01T13:05:09Z");

describe("formatDate: the instant's day in the tenant's locale and zone", () => {
  test.each([
    ["en-US", "Dec 1, 2026"],
    ["en-GB", "1 Dec 2026"],
    ["de-DE", "01.12.2026"],
    ["fr-FR", "1 déc. 2026"],
    ["es-ES", "1 dic 2026"],
    ["nl-NL", "1 dec 2026"],
    ["it-IT", "1 dic 2026"],
    ["pt-PT", "01/12/2026"],
  ])("%s", (locale, expected) => {
    expect(plain(formatDate(at, { locale, timeZone: "UTC" }))).toBe(expected);
  });

  test("every supported locale is one Intl supports", () => {
    expect(Intl.DateTimeFormat.supportedLocalesOf([...SUPPORTED_LOCALES])).toEqual([...SUPPORTED_LOCALES]);
  });

  test("late evening UTC is already the next day in Tokyo, still the same day in New York", () => {
    const late = new Date("2026-12-01T22:30:00Z");
    expect(formatDate(late, { locale: "en-GB", timeZone: "Asia/Tokyo" })).toBe("2 Dec 2026");
    expect(formatDate(late, { locale: "en-GB", timeZone: "America/New_York" })).toBe("1 Dec 2026");
  });
});

describe("formatDateTime and formatTime: in the tenant's zone, the zone named", () => {
  test("UTC, Brussels and New York", () => {
    expect(plain(formatDateTime(at, { locale: "en-US", timeZone: "UTC" }))).toBe("Dec 1, 2026, 1:05 PM UTC");
    expect(plain(formatDateTime(at, { locale: "en-GB", timeZone: "Europe/Brussels" }))).toBe("1 Dec 2026, 14:05 CET");
    expect(plain(formatDateTime(at, { locale: "de-DE", timeZone: "Europe/Berlin" }))).toBe("1. Dez. 2026, 14:05 MEZ");
    expect(plain(formatDateTime(at, { locale: "en-US", timeZone: "America/New_York" }))).toBe(
      "Dec 1, 2026, 8:05 AM EST",
    );
    expect(plain(formatDateTime(at, { locale: "en-GB", timeZone: "UTC" }, { seconds: true }))).toBe(
      "1 Dec 2026, 13:05:09 UTC",
    );
    expect(plain(formatTime(at, { locale: "en-US", timeZone: "Europe/Amsterdam" }))).toBe("2:05 PM");
    expect(plain(formatTime(at, { locale: "nl-NL", timeZone: "Europe/Amsterdam" }))).toBe("14:05");
  });

  test("across the DST switch: the same UTC hour is an hour later on the local clock", () => {
    // Europe switches on the last Sunday of March (2026-03-29, 01:00 UTC).
    const before = new Date("2026-03-29T00:30:00Z");
    const after = new Date("2026-03-29T01:30:00Z");
    const brussels = { locale: "en-GB", timeZone: "Europe/Brussels" };
    expect(plain(formatDateTime(before, brussels))).toBe("29 Mar 2026, 01:30 CET");
    expect(plain(formatDateTime(after, brussels))).toBe("29 Mar 2026, 03:30 CEST");
    // The US switches two weeks earlier (2026-03-08, 07:00 UTC in New York).
    const ny = { locale: "en-US", timeZone: "America/New_York" };
    expect(plain(formatDateTime(new Date("2026-03-08T06:30:00Z"), ny))).toBe("Mar 8, 2026, 1:30 AM EST");
    expect(plain(formatDateTime(new Date("2026-03-08T07:30:00Z"), ny))).toBe("Mar 8, 2026, 3:30 AM EDT");
  });
});

describe("formatDay: a calendar day never shifts with the zone", () => {
  test("a due day stored as 23:59:59 UTC reads the same day in Tokyo", () => {
    const due = new Date("2026-11-26T23:59:59Z");
    expect(formatDay(due, { locale: "en-GB", timeZone: "Asia/Tokyo" })).toBe("26 Nov 2026");
    expect(formatDay(due, { locale: "en-US", timeZone: "Pacific/Honolulu" })).toBe("Nov 26, 2026");
  });

  test("a YYYY-MM-DD string, in each style", () => {
    const s = { locale: "en-GB", timeZone: "America/Los_Angeles" };
    expect(formatDay("1980-01-15", s)).toBe("15 Jan 1980");
    expect(formatDay("2026-11-08", s, "short")).toBe("8 Nov");
    expect(formatDay("2026-11-08", s, "long")).toBe("Sun 8 November");
    expect(formatDay("not a day", s)).toBe("not a day");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  test("words of the locale", () => {
    expect(formatRelative(new Date("2026-12-01T09:00:00Z"), now, { locale: "en-US", timeZone: "UTC" })).toBe(
      "3 hours ago",
    );
    expect(formatRelative(new Date("2026-11-30T12:00:00Z"), now, { locale: "de-DE", timeZone: "UTC" })).toBe("gestern");
    expect(formatRelative(new Date("2026-12-03T12:00:00Z"), now, { locale: "fr-FR", timeZone: "UTC" })).toBe(
      "après-demain",
    );
    expect(formatRelative(new Date("2026-12-01T11:59:40Z"), now, { locale: "en-GB", timeZone: "UTC" })).toBe(
      "just now",
    );
    expect(formatRelative(new Date("2026-12-01T11:59:40Z"), now, { locale: "nl-NL", timeZone: "UTC" })).toBe("zojuist");
  });
});

describe("numbers and money", () => {
  test.each([
    ["en-US", "1,234,567", "€1,234.50"],
    ["en-GB", "1,234,567", "€1,234.50"],
    ["de-DE", "1.234.567", "1.234,50 €"],
    ["fr-FR", "1 234 567", "1 234,50 €"],
    ["nl-NL", "1.234.567", "€ 1.234,50"],
  ])("%s", (locale, number, money) => {
    expect(plain(formatNumber(1234567, { locale }))).toBe(number);
    expect(plain(formatMoney(1234.5, "eur", { locale }))).toBe(money);
  });

  test("credits as bigint", () => {
    expect(formatNumber(12345678901234567890n, { locale: "en-US" })).toBe("12,345,678,901,234,567,890");
  });
});

describe("formatName: one order everywhere", () => {
  test("given name first, blanks and spaces left out", () => {
    expect(formatName({ firstName: "Amira", lastName: "Eriksen" })).toBe("Amira Eriksen");
    expect(formatName({ firstName: " Amira ", lastName: "" })).toBe("Amira");
    expect(formatName({ firstName: null, lastName: "Eriksen" })).toBe("Eriksen");
  });
});

describe("the setting's values", () => {
  test("time zones: IANA names Intl knows, spelled canonically", () => {
    expect(isTimeZone("Europe/Brussels")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("x".repeat(65))).toBe(false);
    expect(canonicalTimeZone("europe/brussels")).toBe("Europe/Brussels");
    expect(timeZoneOptions()[0]).toBe("UTC");
    expect(timeZoneOptions()).toContain("America/New_York");
  });

  test("locales: only the listed ones", () => {
    expect(isSupportedLocale("nl-NL")).toBe(true);
    expect(isSupportedLocale("nl")).toBe(false);
    expect(isSupportedLocale("xx-YY")).toBe(false);
  });

  test("the shared schema gives one message per field", () => {
    const bad = formatSettingsSchema.safeParse({ locale: "klingon", timeZone: "Moon/Base" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.flatten().fieldErrors;
    expect(fields.locale).toEqual(["Choose one of the listed languages and regions"]);
    expect(fields.timeZone).toEqual(["Not a time zone: use a name such as Europe/Brussels or America/New_York"]);
    expect(formatSettingsSchema.safeParse({ locale: "en-GB", timeZone: "  " }).error!.flatten().fieldErrors).toEqual({
      timeZone: ["Enter a time zone"],
    });
    expect(formatSettingsSchema.parse({ locale: "de-DE", timeZone: "europe/berlin" })).toEqual({
      locale: "de-DE",
      timeZone: "Europe/Berlin",
    });
  });
});
