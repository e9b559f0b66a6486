// An invalid import row's values, kept so the report can show them beside the line number and
// the error (issue #13): without them a person had to count lines in a spreadsheet to see what
// "line 4182: not a real date" was about.
//
// Stored in import_rows.cells as { field: cell }, keyed by the citizen field the column was
// mapped to ("cf.<key>" for custom fields). The PII fields are stored as their ciphertexts under
// the same keys and associated data as a valid row's `data` (emailEnc, phoneEnc, nationalIdEnc,
// dateOfBirthEnc, through lib/citizens/pii.ts), so the key rotation re-encrypts them with the
// staged rows (lib/crypto/rotate.ts) and nothing personal the tenant's keys protect lies in clear
// at rest. Names, address, tags and custom fields stay in clear, as they do in `citizens`.
//
// Shown: the field in error in full (a person cannot fix "2099-13-45" from "••••-••-45"), the
// other PII fields masked as in the citizens list, and the national ID always masked.
import "server-only";
import { DecryptionError } from "@/lib/crypto/field-cipher";
import { decryptPii, encryptPiiField, maskPii, PII_COLUMNS } from "../pii";
import { PII_FIELDS, type PiiFieldName } from "../schemas";
import type { ColumnPlan } from "./column-plan";
import { CITIZEN_IMPORT_FIELDS, type ImportReportCell } from "./schemas";

/** Longest cell kept: the report shows a value to recognise, not a whole pasted letter. */
export const MAX_CELL_CHARS = 200;

export type StoredCells = Record<string, string>;

const PII: ReadonlySet<string> = new Set(PII_FIELDS);
const isPii = (field: string): field is PiiFieldName => PII.has(field);

/**
 * A cell as it can be stored and shown: jsonb refuses U+0000 and unpaired surrogates (22P05,
 * found by tests/integration/schema-fuzz.test.ts), and such a row is invalid anyway, so they
 * are kept as U+FFFD for the person to see where the bad character was.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const displayable = (cell: string) => cell.replace(UNSTORABLE, "\uFFFD");

/** The mapped cells of a record, PII encrypted; null when the row has no non-empty mapped cell. */
export function encryptCells(tenantId: string, plan: ColumnPlan, values: string[]): StoredCells | null {
  const out: StoredCells = {};
  const columns = [
    ...plan.fields.map((f) => ({ index: f.index, field: f.field as string })),
    ...plan.custom.map((c) => ({ index: c.index, field: `cf.${c.key}` })),
  ];
  for (const { index, field } of columns) {
    const cell = displayable((values[index] ?? "").trim().slice(0, MAX_CELL_CHARS));
    if (cell === "") continue;
    if (isPii(field)) out[PII_COLUMNS[field].enc] = encryptPiiField(tenantId, field, cell);
    else out[field] = cell;
  }
  return Object.keys(out).length > 0 ? out : null;
}

const ENC_TO_FIELD = new Map(PII_FIELDS.map((f) => [PII_COLUMNS[f].enc, f]));
const ORDER = new Map<string, number>(CITIZEN_IMPORT_FIELDS.map((f, i) => [isPii(f) ? PII_COLUMNS[f].enc : f, i]));
/** Position of a stored key: the citizen fields in the form's order, then custom fields. */
const rank = (key: string) => ORDER.get(key) ?? CITIZEN_IMPORT_FIELDS.length;

/**
 * The stored cells for display, in the order they were stored. `errorFields` are the error
 * keys of the row ("dateOfBirth", "customFields.member_no"): those fields are shown in full
 * (the national ID excepted). A value that does not decrypt (its key removed, or not this tenant's) is shown as such
 * rather than failing the whole report.
 */
export function showCells(tenantId: string, stored: StoredCells | null, errorFields: string[]): ImportReportCell[] {
  if (!stored) return [];
  const inError = new Set(
    errorFields.map((k) => (k.startsWith("customFields.") ? `cf.${k.slice(13)}` : k.split(".")[0]!)),
  );
  // jsonb keeps keys in its own order (shortest first): show them in the form's order instead.
  const entries = Object.entries(stored).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return entries.map(([key, value]) => {
    const pii = ENC_TO_FIELD.get(key);
    if (!pii) return { field: key, value, masked: false };
    let plain: string | null;
    try {
      plain = decryptPii(tenantId, pii, value);
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      return { field: pii, value: "(cannot be decrypted)", masked: true };
    }
    const full = inError.has(pii) && pii !== "nationalId";
    return { field: pii, value: full ? (plain ?? "") : (maskPii(pii, plain) ?? ""), masked: !full };
  });
}
