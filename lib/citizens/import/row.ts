// One CSV row → the columns of a citizen, or its field errors. The same rules as the citizen
// form (citizenFieldsSchema, custom field validation, toColumns' encryption), so an imported
// citizen is exactly what a typed-in one would be.
import "server-only";
import { unguardCell } from "@/lib/csv/write";
import type { FieldErrors } from "@/lib/errors";
import { ValidationError, fieldErrorsFromZod } from "@/lib/errors";
import type { CustomFieldDef } from "../custom-field-values";
import { validateCustomFieldValues } from "../custom-field-values";
import { toColumns } from "../record";
import { citizenFieldsSchema } from "../schemas";
import { encryptCells, type StoredCells } from "./cells";
import type { ColumnPlan } from "./column-plan";
import { CITIZEN_IMPORT_FIELDS, type CitizenImportField, type ImportMapping } from "./schemas";

export type { ColumnPlan } from "./column-plan";

/** A valid row's citizen columns, as staged in import_rows.data (PII already encrypted). */
export type StagedCitizen = Omit<ReturnType<typeof toColumns>, "consents" | "customFields" | "tags"> & {
  tags: string[];
  customFields: Record<string, unknown>;
};

/** What makes two rows "the same person": blind indexes, and the name with the birth date. */
export type DuplicateKeys = { email: string | null; nationalId: string | null; nameAndBirth: string | null };

export type RowResult =
  | { line: number; data: StagedCitizen; keys: DuplicateKeys; errors?: undefined }
  | { line: number; errors: FieldErrors; cells: StoredCells | null; data?: undefined; keys?: undefined };

const IMPORT_FIELDS: ReadonlySet<string> = new Set(CITIZEN_IMPORT_FIELDS);

/** Custom field targets must name a field the tenant has; checked before any row is read. */
export function assertCustomTargets(mapping: ImportMapping, defs: CustomFieldDef[]): void {
  const keys = new Set(defs.map((d) => d.key));
  const unknown = Object.entries(mapping).filter(
    ([, target]) => target.startsWith("cf.") && !keys.has(target.slice(3)),
  );
  if (unknown.length > 0) {
    const message = `Unknown custom field${unknown.length > 1 ? "s" : ""}: ${unknown.map(([, t]) => t.slice(3)).join(", ")}`;
    throw new ValidationError(message, { mapping: [message] });
  }
}

/** The header row against the mapping: every mapped column must exist, once. */
export function planColumns(header: string[], mapping: ImportMapping): ColumnPlan {
  const names = header.map((h) => h.trim());
  const plan: ColumnPlan = { width: names.length, fields: [], custom: [] };
  const problems: string[] = [];
  for (const [column, target] of Object.entries(mapping)) {
    if (!target) continue;
    const at = names.indexOf(column.trim());
    if (at < 0) problems.push(`The file has no column "${column}"`);
    else if (names.indexOf(column.trim(), at + 1) >= 0)
      problems.push(`The file has two columns named "${column}": rename one`);
    else if (target.startsWith("cf.")) plan.custom.push({ index: at, key: target.slice(3) });
    else if (IMPORT_FIELDS.has(target)) plan.fields.push({ index: at, field: target as CitizenImportField });
  }
  if (problems.length > 0) throw new ValidationError(problems[0]!, { mapping: problems });
  return plan;
}

export const isBlankRecord = (values: string[]) => values.every((v) => v.trim() === "");

/** Tags in a cell: "a; b" (our export) or "a, b". */
const splitTags = (cell: string) => cell.split(/[;,]/);

/** Validates and encrypts one record. Pure apart from encryption (which needs the keyring). */
export function validateRow(
  tenantId: string,
  plan: ColumnPlan,
  defs: CustomFieldDef[],
  line: number,
  values: string[],
): RowResult {
  const extra = values.slice(plan.width).some((v) => v.trim() !== "");
  if (extra)
    return {
      line,
      cells: encryptCells(tenantId, plan, values),
      errors: {
        row: [
          `This line has ${values.length} values but the header has ${plan.width} columns: is a value with a comma not in quotes?`,
        ],
      },
    };

  const raw: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  let undecodable = false;
  // A leading `'` before `= + - @` is the formula guard of a spreadsheet export (ours or
  // Excel's "text" prefix), not part of the value: without removing it an exported name such
  // as `'+Plus` would come back with the apostrophe.
  for (const { index, field } of plan.fields) {
    const cell = unguardCell(values[index] ?? "");
    if (cell.includes("\uFFFD")) undecodable = true;
    raw[field] = field === "tags" ? splitTags(cell) : cell;
  }
  for (const { index, key } of plan.custom) {
    const cell = unguardCell(values[index] ?? "");
    if (cell.includes("\uFFFD")) undecodable = true;
    custom[key] = cell;
  }
  // Invalid UTF-8 (a file saved as Latin-1 / "CSV" instead of "CSV UTF-8") decodes to U+FFFD:
  // importing it would store mangled names, so the row is refused with the fix.
  if (undecodable)
    return {
      line,
      cells: encryptCells(tenantId, plan, values),
      errors: {
        row: ['This line has characters that are not UTF-8: save the file as "CSV UTF-8" and upload it again'],
      },
    };

  const parsed = citizenFieldsSchema.safeParse(raw);
  const cf = validateCustomFieldValues(defs, custom);
  if (!parsed.success || Object.keys(cf.errors).length > 0) {
    // The first message per field, as the form shows it: a later check of the same field
    // (a date's range after its format) would only repeat the problem in other words.
    const all: FieldErrors = { ...(parsed.success ? {} : fieldErrorsFromZod(parsed.error)), ...cf.errors };
    return {
      line,
      cells: encryptCells(tenantId, plan, values),
      errors: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.slice(0, 1)])),
    };
  }

  const fields = parsed.data;
  const { consents: _consents, customFields, tags, ...columns } = toColumns(tenantId, fields, cf.values);
  const data: StagedCitizen = {
    ...columns,
    tags: tags as string[],
    customFields: customFields as Record<string, unknown>,
  };
  return { line, data, keys: duplicateKeys(fields.firstName, fields.lastName, data) };
}

/** "jane doe" — the name part of the name + birth date key, for file rows and stored rows alike. */
export const nameKey = (firstName: string, lastName: string) => `${firstName.trim()} ${lastName.trim()}`.toLowerCase();

export function duplicateKeys(
  firstName: string,
  lastName: string,
  cols: { emailBidx: string | null; nationalIdBidx: string | null; dateOfBirthBidx: string | null },
): DuplicateKeys {
  return {
    email: cols.emailBidx,
    nationalId: cols.nationalIdBidx,
    nameAndBirth: cols.dateOfBirthBidx ? `${cols.dateOfBirthBidx}|${nameKey(firstName, lastName)}` : null,
  };
}
