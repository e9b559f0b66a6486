// A day that has the right shape but is not on the calendar ("2099-13-45") is told what is
// wrong with it, not "use YYYY-MM-DD", which the person already did (issue #13 item 12).
import { createCitizenSchema } from "@/lib/citizens/schemas";
import { dayProblem, unrealDayProblem } from "@/lib/validation/date";

test.each([
  ["2099-13-45", "Not a real date: there is no month 13"],
  ["2026-00-10", "Not a real date: there is no month 0"],
  ["2026-01-00", "Not a real date: there is no day 0"],
  ["2030-02-29", "Not a real date: February 2030 has 28 days"],
  ["2026-04-31", "Not a real date: April has 30 days"],
])("%s: %s", (value, message) => {
  expect(unrealDayProblem(value)).toBe(message);
  expect(dayProblem(value)).toBe(message);
});

test("real days, leap days and other shapes are not its business", () => {
  expect(unrealDayProblem("2028-02-29")).toBeNull();
  expect(dayProblem("2028-02-29")).toBeNull();
  expect(unrealDayProblem("31/01/2026")).toBeNull();
  expect(dayProblem("31/01/2026")).toBe("Use YYYY-MM-DD");
  expect(dayProblem("1800-01-01")).toMatch(/^Enter a date between/);
});

test("a citizen's birth date (what an import row is checked with) says it too", () => {
  const parsed = createCitizenSchema.safeParse({ firstName: "A", lastName: "B", dateOfBirth: "2099-13-45" });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((i) => i.message)).toContain("Not a real date: there is no month 13");
});
