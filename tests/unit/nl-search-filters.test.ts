// Natural-language search's pure parts: relative periods resolved by the calendar (not by the
// model), and the model's filter mapped onto the list's own URL filters and checked by the
// list's own query schema.
import { dayIn, resolvePeriod } from "@/lib/ai/features/nl-search/resolve-period";
import { caseSearchToolSchema, citizenSearchToolSchema, PERIODS } from "@/lib/ai/features/nl-search/schemas";
import { toListFilters } from "@/lib/ai/features/nl-search/to-list-filters";

describe("resolvePeriod", () => {
  test.each([
    // Thursday 2026-12-03
    ["today", "2026-12-03", "2026-12-03", "2026-12-03"],
    ["yesterday", "2026-12-03", "2026-12-02", "2026-12-02"],
    ["this_week", "2026-12-03", "2026-11-30", "2026-12-03"],
    ["last_week", "2026-12-03", "2026-11-23", "2026-11-29"],
    ["this_week", "2026-11-30", "2026-11-30", "2026-11-30"], // a Monday
    ["last_week", "2026-12-06", "2026-11-23", "2026-11-29"], // a Sunday
    ["this_month", "2026-12-03", "2026-12-01", "2026-12-03"],
    ["last_month", "2026-12-03", "2026-11-01", "2026-11-30"],
    ["last_month", "2026-03-01", "2026-02-01", "2026-02-28"],
    ["last_month", "2024-03-31", "2024-02-01", "2024-02-29"], // leap year
    ["last_month", "2026-01-15", "2025-12-01", "2025-12-31"], // across the year
    ["last_7_days", "2026-12-03", "2026-11-27", "2026-12-03"],
    ["last_30_days", "2026-03-01", "2026-01-31", "2026-03-01"],
    ["last_90_days", "2026-12-03", "2026-09-05", "2026-12-03"],
    ["this_year", "2026-12-03", "2026-01-01", "2026-12-03"],
    ["last_year", "2026-12-03", "2025-01-01", "2025-12-31"],
  ] as const)("%s on %s is %s … %s", (period, today, from, to) => {
    expect(resolvePeriod(period, today)).toEqual({ createdFrom: from, createdTo: to });
  });

  test("every period resolves to a range that ends no later than today", () => {
    for (const p of PERIODS) {
      const r = resolvePeriod(p, "2026-12-03");
      expect(r.createdFrom <= r.createdTo).toBe(true);
      expect(r.createdTo <= "2026-12-03").toBe(true);
    }
  });

  test("today is the day in the given time zone", () => {
    const lateUtc = new Date("2026-12-03T23:30:00Z");
    expect(dayIn(lateUtc, "UTC")).toBe("2026-12-03");
    expect(dayIn(lateUtc, "Europe/Brussels")).toBe("2026-12-04");
    expect(dayIn(lateUtc, "America/New_York")).toBe("2026-12-03");
  });
});

const TODAY = "2026-12-03";
const members = [{ id: "5f0b2a7e-5a55-4c4e-9d59-5f8d2f3e1a10", name: "Ana Peeters" }];

describe("toListFilters", () => {
  test("cases: fields map to the list's URL keys, a period to days", () => {
    expect(
      toListFilters(
        "cases",
        { status: "open", category: "Housing", assignee: members[0]!.id, createdPeriod: "last_month", ignored: [] },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      filters: {
        status: "open",
        category: "Housing",
        assignee: members[0]!.id,
        createdFrom: "2026-11-01",
        createdTo: "2026-11-30",
      },
    });
  });

  test("days the request names win over the period's ends", () => {
    const r = toListFilters("cases", { createdPeriod: "this_year", createdTo: "2026-06-30", ignored: [] }, TODAY);
    expect(r).toEqual({ ok: true, filters: { createdFrom: "2026-01-01", createdTo: "2026-06-30" } });
  });

  test("citizens: fuzzy only with words to match, city and tag kept", () => {
    expect(toListFilters("citizens", { q: "Eriksn", fuzzy: true, city: "Riverside", ignored: [] }, TODAY)).toEqual({
      ok: true,
      filters: { q: "Eriksn", mode: "fuzzy", city: "Riverside" },
    });
    expect(toListFilters("citizens", { fuzzy: true, tag: "vip", ignored: [] }, TODAY)).toEqual({
      ok: true,
      filters: { tag: "vip" },
    });
  });

  test("nothing interpreted is an empty filter (the whole list), not an error", () => {
    expect(toListFilters("cases", { ignored: ["urgent-ish"] }, TODAY)).toEqual({ ok: true, filters: {} });
  });

  test("a day that does not exist or a range backwards is refused, never applied", () => {
    const bad = toListFilters("cases", { createdFrom: "2099-13-45", ignored: [] }, TODAY);
    expect(bad).toMatchObject({ ok: false, problem: expect.stringContaining("createdFrom") });
    expect(toListFilters("cases", { createdFrom: "2026-12-01", createdTo: "2026-11-01", ignored: [] }, TODAY)).toEqual({
      ok: false,
      problem: "createdFrom is after createdTo",
    });
  });
});

describe("the tool schemas", () => {
  const cases = caseSearchToolSchema({ categories: ["Housing", "Roads"], members });
  const citizens = citizenSearchToolSchema();

  test("a reply inside the schema parses", () => {
    expect(cases.safeParse({ status: "OPEN", priority: "HIGH", category: "Roads", ignored: ["asap"] }).success).toBe(
      true,
    );
    expect(citizens.safeParse({ city: "Sint-Niklaas", q: "O'Brien", ignored: [] }).success).toBe(true);
  });

  test.each([
    ["an unknown field", { sql: "SELECT 1", ignored: [] }],
    ["a field of the other list", { city: "Gent", ignored: [] }],
    ["a category the tenant does not have", { category: "Parking", ignored: [] }],
    ["an assignee who is not a member", { assignee: "0e6a3f64-8a7e-4d3f-b1b1-2b9b0f3d7c11", ignored: [] }],
    ["a status that does not exist", { status: "DELETED", ignored: [] }],
    ["a wrong type", { priority: 3, ignored: [] }],
    ["SQL in a value", { q: "x'; DROP TABLE cases; --", ignored: [] }],
    ["an operator in a value", { q: "1=1 OR true", ignored: [] }],
    ["a comment in a value", { q: "roads /* */", ignored: [] }],
    ["no ignored list", { status: "open" }],
    ["a period that is not one", { createdPeriod: "last_decade", ignored: [] }],
  ])("cases: %s is refused", (_label, reply) => {
    expect(cases.safeParse(reply).success).toBe(false);
  });

  test.each([
    ["an unknown field", { age: 65, ignored: [] }],
    ["a case field", { status: "open", ignored: [] }],
    ["SQL in the city", { city: "Gent') OR 1=1 --", ignored: [] }],
    ["a tag with a semicolon", { tag: "vip;drop", ignored: [] }],
    ["fuzzy as a string", { q: "Eriksen", fuzzy: "yes", ignored: [] }],
  ])("citizens: %s is refused", (_label, reply) => {
    expect(citizens.safeParse(reply).success).toBe(false);
  });
});
