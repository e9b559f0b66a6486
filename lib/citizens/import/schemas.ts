// Inputs of the citizen CSV import, shared by the import page (browser) and the routes.
// Client-safe: no server imports.
import { z } from "zod";
import { text } from "@/lib/validation/text";

/** The citizen fields a CSV column can fill (consents are never imported: they need a source). */
export const CITIZEN_IMPORT_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "nationalId",
  "dateOfBirth",
  "addressLine1",
  "addressLine2",
  "postalCode",
  "city",
  "country",
  "preferredLanguage",
  "tags",
  "notes",
] as const;
export type CitizenImportField = (typeof CITIZEN_IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<CitizenImportField, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  nationalId: "National ID",
  dateOfBirth: "Date of birth",
  addressLine1: "Address line 1",
  addressLine2: "Address line 2",
  postalCode: "Postal code",
  city: "City",
  country: "Country",
  preferredLanguage: "Preferred language",
  tags: "Tags",
  notes: "Notes",
};

/** Largest file accepted: 50 MB is roughly 300,000 typical rows. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Rows shown by the preview (after the header). */
export const PREVIEW_ROWS = 5;
/** The browser sends only the file's first bytes for a preview; the server reads no more. */
export const PREVIEW_MAX_BYTES = 256 * 1024;

/** `cf.<key>` targets a custom field (keys as in customFieldDefinitionSchema). */
export const CUSTOM_FIELD_TARGET = /^cf\.[a-z][a-z0-9_]{0,39}$/;

const FIELD_NAMES: ReadonlySet<string> = new Set(CITIZEN_IMPORT_FIELDS);
const target = text(43, {
  trim: false,
  error: "Choose a citizen field, a custom field (cf.<key>) or nothing",
  tooLong: "Choose a citizen field, a custom field (cf.<key>) or nothing",
}).refine(
  (v) => v === "" || FIELD_NAMES.has(v) || CUSTOM_FIELD_TARGET.test(v),
  "Choose a citizen field, a custom field (cf.<key>) or nothing",
);

const parseJsonObject = (v: unknown) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v; // the record schema then says what is wrong
  }
};

/** CSV column name → citizen field ("" ignores the column). First and last name are required. */
export const importMappingSchema = z.preprocess(
  parseJsonObject,
  z
    .record(text(200, { trim: false, tooLong: "A column name is at most 200 characters" }), target, {
      error: "The mapping must be a JSON object: column name → field",
    })
    .superRefine((mapping, ctx) => {
      const seen = new Map<string, string>();
      for (const [column, field] of Object.entries(mapping)) {
        if (!field) continue;
        const earlier = seen.get(field);
        if (earlier !== undefined)
          ctx.addIssue({
            code: "custom",
            message: `"${earlier}" and "${column}" both fill ${labelOf(field)}: choose one`,
          });
        seen.set(field, column);
      }
      const missing = (["firstName", "lastName"] as const).filter((f) => !seen.has(f));
      if (missing.length > 0)
        ctx.addIssue({
          code: "custom",
          message: `Choose the column that holds the ${missing.map((f) => IMPORT_FIELD_LABELS[f].toLowerCase()).join(" and the ")}`,
        });
    }),
);
export type ImportMapping = Record<string, string>;

function labelOf(field: string): string {
  return field.startsWith("cf.") ? field.slice(3) : (IMPORT_FIELD_LABELS[field as CitizenImportField] ?? field);
}

/** The upload's parameters (query string: the body is the CSV itself). */
export const importUploadSchema = z.object({
  fileName: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v : "import.csv"),
    text(255, { tooLong: "The file name is at most 255 characters" }),
  ),
  mapping: importMappingSchema,
  /** Chosen by the browser so it can poll progress while the upload is still running; unique only within the tenant (key (tenant_id, id)), so it tells nothing about other tenants. */
  jobId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid("Not a valid import id").optional()),
});
export type ImportUploadInput = z.infer<typeof importUploadSchema>;

/**
 * "all" imports every row or nothing (refused while any row is invalid); "valid_only" leaves
 * the invalid rows out. skipDuplicates leaves out rows that look like an existing citizen or
 * repeat an earlier row of the file.
 */
export const commitImportSchema = z.object({
  mode: z.enum(["all", "valid_only"], { error: 'Choose "all" or "valid_only"' }),
  skipDuplicates: z
    .preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean())
    .default(false),
});
export type CommitImportInput = z.infer<typeof commitImportSchema>;

export const importJobIdSchema = z.object({ jobId: z.uuid("Not a valid import id") });

/** A page of the validation report: invalid rows or duplicates, keyset on the line number. */
export const importRowsQuerySchema = z.object({
  kind: z.enum(["invalid", "duplicates"], { error: 'Choose "invalid" or "duplicates"' }),
  cursor: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  ),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ImportRowsQuery = z.infer<typeof importRowsQuerySchema>;

/** What the browser sees of a job (the routes answer it as JSON: dates as ISO strings). */
export type ImportJobView = {
  id: string;
  fileName: string;
  status: "VALIDATING" | "VALIDATED" | "IMPORTING" | "COMPLETED" | "FAILED" | "CANCELLED";
  mapping: ImportMapping;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  duplicates: number;
  importedRows: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/** One line of the report. `duplicateOf` is an existing citizen; `duplicateOfLine` an earlier line. */
export type ImportReportRow = {
  line: number;
  errors: Record<string, string[]> | null;
  duplicateOf: string | null;
  duplicateOfLine: number | null;
  /** The row's name, to recognise a duplicate (null for invalid rows). */
  name: string | null;
  /** An invalid row's values beside its errors (PII masked but for the field in error); [] otherwise. */
  cells: ImportReportCell[];
};

/** One value of an invalid row: the citizen field ("cf.<key>" for a custom field) and the value shown. */
export type ImportReportCell = { field: string; value: string; masked: boolean };

export type ImportPreview = { columns: string[]; sample: string[][]; suggestedMapping: ImportMapping };
