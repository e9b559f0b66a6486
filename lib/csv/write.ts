// CSV writing (RFC 4180) for exports, pure and dependency-free so streams can call it per row.
//
// Two jobs: quoting, so a comma, quote or line break inside a value never shifts columns; and
// neutralising spreadsheet formulas. Exported data is opened in Excel or LibreOffice, and a
// cell that starts with `=`, `+`, `-`, `@`, tab or CR is evaluated there: a citizen's name like
// `=HYPERLINK("http://evil", "click")` would become a live link in an investigator's sheet
// (OWASP "CSV injection"). Prefixing `'` makes the spreadsheet show it as text.
//
// The guard is for text that could be a formula, not for data that merely starts with `+` or
// `-`: a caller passes a value it has checked against its column (a phone number such as
// `+31 6 5555 1016`, digits and spaces only) through `csvData`, and it is written as is. Our own
// import removes the guard again (`unguardCell`), so an export always imports back unchanged.

/** The UTF-8 byte order mark: without it Excel reads a CSV as the local code page ("CÃ©line"). */
export const CSV_BOM = "\uFEFF";

/** Record separator required by RFC 4180. */
export const CSV_EOL = "\r\n";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A value its caller has validated as data of its column: written without the formula guard. */
export class CsvData {
  constructor(readonly text: string) {}
}
export const csvData = (text: string | null | undefined) => (text == null ? null : new CsvData(text));

/** An imported cell without the guard this writer adds: `'=SUM(A1)` → `=SUM(A1)`. */
export const unguardCell = (cell: string) =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

/** The text of one cell before quoting: null/undefined are empty, objects become JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof CsvData) return value.text;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "string") return FORMULA_START.test(value) ? `'${value}` : value;
  // Numbers, booleans and bigints are written as themselves: a negative number is a number,
  // not a formula, and must stay one for the spreadsheet.
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

/** One escaped field: formula-neutralised, then quoted (inner quotes doubled) when needed. */
export function csvEscape(value: unknown): string {
  const text = cellText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, with its CRLF terminator. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvEscape).join(",") + CSV_EOL;
}
