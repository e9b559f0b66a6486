// Inputs of the citizen operations, shared by the forms (field errors in the browser) and the
// server. Client-safe: no server imports.
import { z } from "zod";
import { BIRTH_DAY_MIN, day, optionalDay, todayUtc } from "@/lib/validation/date";
import { blankToUndefined, optionalOf, text } from "@/lib/validation/text";

const optionalText = (max: number, label = "This field") =>
  optionalOf(text(max, { tooLong: `${label} is too long (at most ${max} characters)` }));

export const LANGUAGES = [
  "en",
  "nl",
  "fr",
  "de",
  "es",
  "it",
  "pt",
  "sv",
  "da",
  "fi",
  "no",
  "pl",
  "tr",
  "ar",
  "uk",
  "ru",
] as const;
export const CONSENT_PURPOSES = ["contact_email", "contact_phone", "data_processing", "newsletter"] as const;
export const CONSENT_SOURCES = ["form", "phone", "email", "paper", "in_person", "import"] as const;

const consentSchema = z.object({
  granted: z.boolean(),
  at: day({ message: "Enter the date consent was given or withdrawn" }),
  source: z.enum(CONSENT_SOURCES, { message: "Choose where the consent came from" }),
});

export const consentsSchema = z.partialRecord(z.enum(CONSENT_PURPOSES), consentSchema).default({});

/** Tags: a comma-separated string from a form or an array from the API; trimmed, de-duplicated. */
export const tagsSchema = z
  .preprocess(
    (v) => (typeof v === "string" ? v.split(",") : (v ?? [])),
    z.array(text(40, { tooLong: "A tag is at most 40 characters" })),
  )
  .transform((tags) => [...new Set(tags.filter(Boolean).map((t) => t.toLowerCase()))])
  .pipe(z.array(text(40)).max(30, "At most 30 tags"));

/** Digits, spaces and `()./-` with an optional leading +: data, never a formula (lib/csv/write.ts). */
export const PHONE_PATTERN = /^\+?[0-9 ()./-]{5,}$/;

const phone = optionalOf(
  text(40, { tooLong: "Phone number is too long" }).regex(
    PHONE_PATTERN,
    "Enter a phone number with digits, spaces and an optional leading +",
  ),
);

const dateOfBirth = optionalDay({
  message: "Enter a date as YYYY-MM-DD",
  min: BIRTH_DAY_MIN,
  max: todayUtc,
  rangeMessage: "Enter a date between 1870 and today",
});

export const citizenFieldsSchema = z.object({
  firstName: text(100, { error: "Enter a first name", tooLong: "First name is too long" }).min(1, "Enter a first name"),
  lastName: text(100, { error: "Enter a last name", tooLong: "Last name is too long" }).min(1, "Enter a last name"),
  email: optionalOf(text(254, { tooLong: "Email is too long" }).toLowerCase().email("Enter a valid email address")),
  phone,
  nationalId: optionalOf(
    text(40, { tooLong: "National ID is too long" }).regex(
      /^[0-9A-Za-z .-]+$/,
      "Letters, digits, spaces, dots and hyphens only",
    ),
  ),
  dateOfBirth,
  addressLine1: optionalText(200, "Address"),
  addressLine2: optionalText(200, "Address"),
  postalCode: optionalText(20, "Postal code"),
  city: optionalText(100, "City"),
  country: optionalText(100, "Country"),
  preferredLanguage: z.preprocess(blankToUndefined, z.enum(LANGUAGES, { message: "Choose a language" }).default("en")),
  tags: tagsSchema.default([]),
  consents: consentsSchema,
  notes: z.preprocess(
    (v) => (v == null ? "" : v),
    text(10_000, { multiline: true, trim: false, tooLong: "Notes are at most 10,000 characters" }),
  ),
  /** Validated against the tenant's definitions on the server (lib/citizens/custom-fields.ts). */
  customFields: z.record(text(40), z.unknown()).default({}),
});
export type CitizenFields = z.infer<typeof citizenFieldsSchema>;

export const createCitizenSchema = citizenFieldsSchema;
export const PII_FIELDS = ["email", "phone", "nationalId", "dateOfBirth"] as const;
export type PiiFieldName = (typeof PII_FIELDS)[number];

export const updateCitizenSchema = citizenFieldsSchema.extend({
  id: z.string().uuid("Not a valid citizen"),
  /** The version the form was loaded with: a stale one means someone else saved in between. */
  version: z.coerce.number().int().min(1),
  /**
   * Personal fields are never sent to the edit form in clear: a blank one keeps what is on
   * file, and removing a value is this explicit list.
   */
  clear: z.array(z.enum(PII_FIELDS)).default([]),
});
export type UpdateCitizenInput = z.infer<typeof updateCitizenSchema>;

/** Quick edits from the list or the record header (useOptimistic). */
export const setTagsSchema = z.object({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1),
  tags: tagsSchema,
});

export const citizenIdSchema = z.object({ id: z.string().uuid("Not a valid citizen") });
export const revealSchema = z.object({ id: z.string().uuid(), field: z.enum(PII_FIELDS) });

export const CITIZEN_SORTS = ["newest", "oldest", "name", "updated"] as const;

/** The citizens list query (URL search params, saved views, export). */
export const citizenListQuerySchema = z.object({
  q: optionalText(200, "Search"),
  /** fuzzy = trigram name match (typos); text = full text over names, place, tags, notes. */
  mode: z.enum(["text", "fuzzy"]).default("text"),
  tag: optionalText(40, "Tag"),
  city: optionalText(100, "City"),
  createdFrom: optionalDay(),
  createdTo: optionalDay(),
  /** Custom field filter "key=value" (equality, JSONB containment). */
  field: optionalOf(text(200, { trim: false }).regex(/^[a-z][a-z0-9_]{0,39}=.{1,150}$/, "Use key=value")),
  email: optionalOf(text(254).email("Enter a full email address")),
  nationalId: optionalText(40, "National ID"),
  sort: z.preprocess(blankToUndefined, z.enum(CITIZEN_SORTS).default("newest")),
  deleted: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).default(false),
  cursor: optionalOf(text(500)),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CitizenListQuery = z.infer<typeof citizenListQuerySchema>;

export const CUSTOM_FIELD_TYPES = ["TEXT", "NUMBER", "DATE", "BOOLEAN", "SELECT"] as const;
export const customFieldDefinitionSchema = z
  .object({
    key: text(40).regex(/^[a-z][a-z0-9_]{0,39}$/, "Lower-case letters, digits and _; start with a letter"),
    label: text(80).min(1, "Enter a label"),
    type: z.enum(CUSTOM_FIELD_TYPES, { message: "Choose a type" }),
    options: z.preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : (v ?? []),
      z.array(text(60)).max(50),
    ),
    required: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
    pii: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  })
  .refine((d) => d.type !== "SELECT" || d.options.length > 0, {
    path: ["options"],
    message: "List the choices, separated by commas",
  });
export type CustomFieldDefinitionInput = z.infer<typeof customFieldDefinitionSchema>;
/** Marks an existing field as personal data, or not (settings → Custom fields). */
export const customFieldPiiSchema = z.object({
  id: z.string().uuid("Not a valid field"),
  pii: z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean()),
});
export type CustomFieldPiiInput = z.infer<typeof customFieldPiiSchema>;

/** The citizen picker's search (the "New case" form): a name, or part of one, as it is typed. */
export const citizenPickSchema = z.object({ q: text(100).min(1, "Type part of a name") });
