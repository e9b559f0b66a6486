// Inputs of the duplicate review (no server-only imports: the review form uses them too).
import { z } from "zod";

const id = (label: string) => z.uuid({ error: `${label} is not a valid id` });

/** The fields a person picks, one by one, when merging two records. */
export const MERGE_FIELDS = [
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
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  nationalId: "National ID",
  dateOfBirth: "Date of birth",
  addressLine1: "Address",
  addressLine2: "Address line 2",
  postalCode: "Postal code",
  city: "City",
  country: "Country",
  preferredLanguage: "Language",
};

const choice = z.enum(["kept", "merged"], { error: 'Choose "kept" or "merged"' });

export const pairSchema = z
  .object({ citizenAId: id("The first record"), citizenBId: id("The second record") })
  .refine((p) => p.citizenAId !== p.citizenBId, { path: ["citizenBId"], error: "Choose two different records" });
export type PairInput = z.infer<typeof pairSchema>;

export const mergeCitizensSchema = z
  .object({
    keptId: id("The record to keep"),
    mergedId: id("The record to merge"),
    keptVersion: z.coerce.number().int().min(1),
    mergedVersion: z.coerce.number().int().min(1),
    // A field left out keeps the kept record's value.
    choices: z.partialRecord(z.enum(MERGE_FIELDS), choice).default({}),
  })
  .strict()
  .refine((m) => m.keptId !== m.mergedId, { path: ["mergedId"], error: "A record cannot be merged into itself" });
export type MergeCitizensInput = z.infer<typeof mergeCitizensSchema>;

export const undoMergeSchema = z.object({ mergeId: id("The merge") }).strict();

/** Only this long after a merge can it be undone (the tombstone and snapshots are kept). */
export const UNDO_WINDOW_DAYS = 30;

export const orderPair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);
