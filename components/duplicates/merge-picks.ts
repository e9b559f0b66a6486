// Which record each field's value comes from in a merge: the person's choice, else the record
// that stays (or the other one where the kept record has no value). Pure, client-safe.
import { MERGE_FIELDS, type MergeField } from "@/lib/citizens/duplicates/schemas";

export type Side = "a" | "b";
type Values = Record<MergeField, string | null>;

export function mergePicks(
  keep: Side,
  values: { a: Values; b: Values },
  chosen: Partial<Record<MergeField, Side>>,
): Record<MergeField, Side> {
  const other: Side = keep === "a" ? "b" : "a";
  return Object.fromEntries(
    MERGE_FIELDS.map((f) => [f, chosen[f] ?? (values[keep][f] || !values[other][f] ? keep : other)]),
  ) as Record<MergeField, Side>;
}
