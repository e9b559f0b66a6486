// The CSV writer of every export: RFC 4180 quoting and spreadsheet formula neutralisation.
import { CSV_EOL, csvData, csvEscape, csvRow, unguardCell } from "@/lib/csv/write";

test.each([
  ["plain", "plain"],
  ["", ""],
  ["a,b", '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ['"', '""""'],
  ["line\nbreak", '"line\nbreak"'],
  ["line\r\nbreak", '"line\r\nbreak"'],
  ["  spaced  ", "  spaced  "],
  ["naïve – ünïcode ✓", "naïve – ünïcode ✓"],
])("escapes %p as %p", (value, expected) => {
  expect(csvEscape(value)).toBe(expected);
});

test.each([
  ["=1+1", "'=1+1"],
  ["+31 6 1234", "'+31 6 1234"],
  ["-2", "'-2"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\tindent", "'\tindent"],
  ['=HYPERLINK("http://evil.example","click")', '"\'=HYPERLINK(""http://evil.example"",""click"")"'],
  ["\rcr", '"\'\rcr"'],
])("neutralises the formula %p as %p", (value, expected) => {
  expect(csvEscape(value)).toBe(expected);
});

test("a formula character later in the value is left alone", () => {
  expect(csvEscape("a=b")).toBe("a=b");
  expect(csvEscape("x-y@z")).toBe("x-y@z");
});

test("non-strings: empty for null/undefined, numbers stay numbers, dates are ISO, objects are JSON", () => {
  expect(csvEscape(null)).toBe("");
  expect(csvEscape(undefined)).toBe("");
  expect(csvEscape(-5)).toBe("-5"); // a number, not a formula
  expect(csvEscape(12345678901234567890n)).toBe("12345678901234567890");
  expect(csvEscape(false)).toBe("false");
  expect(csvEscape(new Date("2026-01-02T03:04:05.006Z"))).toBe("2026-01-02T03:04:05.006Z");
  expect(csvEscape(new Date("nonsense"))).toBe("");
  expect(csvEscape({ a: 1, b: "x,y" })).toBe('"{""a"":1,""b"":""x,y""}"');
  expect(csvEscape(["=x"])).toBe('"[""=x""]"');
});

test("a row joins escaped fields with commas and ends with CRLF", () => {
  expect(CSV_EOL).toBe("\r\n");
  expect(csvRow(["a", "b,c", null, 1, '"q"'])).toBe('a,"b,c",,1,"""q"""\r\n');
  expect(csvRow([])).toBe("\r\n");
});

describe("a value checked against its column, and our own guard on import (issue #13)", () => {
  test("csvData is written without the guard, still quoted when it must be", () => {
    expect(csvEscape(csvData("+31 6 5555 1016"))).toBe("+31 6 5555 1016");
    expect(csvEscape(csvData("a,b"))).toBe('"a,b"');
    expect(csvEscape(csvData(null))).toBe("");
    expect(csvEscape("+31 6 5555 1016")).toBe("'+31 6 5555 1016");
  });

  test("unguardCell removes exactly the apostrophe the writer adds", () => {
    for (const v of ["=SUM(A1)", "+Plus", "-1+2", "@Home", "\tx"])
      expect(unguardCell(csvEscape(v).replace(/^"|"$/g, ""))).toBe(v);
    expect(unguardCell("'quoted'")).toBe("'quoted'");
    expect(unguardCell("O'Brien")).toBe("O'Brien");
    expect(unguardCell("'")).toBe("'");
  });
});
