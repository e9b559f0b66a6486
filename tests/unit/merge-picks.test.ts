// The merge review's defaults follow the record that stays, whichever side (a or b, ordered by
// id) it is: before, every field defaulted to side a, so keeping b gave it a's name.
import { mergePicks } from "@/components/duplicates/merge-picks";
import { MERGE_FIELDS, type MergeField } from "@/lib/citizens/duplicates/schemas";

const values = (v: Partial<Record<MergeField, string>>) =>
  Object.fromEntries(MERGE_FIELDS.map((f) => [f, v[f] ?? null])) as Record<MergeField, string | null>;

const a = values({ firstName: "Geertruida", lastName: "Wijnburg", city: "Lakeview" });
const b = values({ firstName: "Geertruida", lastName: "Wijnberg", city: "Riverside", email: "g@example.org" });

test.each(["a", "b"] as const)("keeping %s takes its own values by default", (keep) => {
  const picks = mergePicks(keep, { a, b }, {});
  for (const f of MERGE_FIELDS) {
    const kept = (keep === "a" ? a : b)[f];
    const other = (keep === "a" ? b : a)[f];
    expect([f, picks[f]]).toEqual([f, kept || !other ? keep : keep === "a" ? "b" : "a"]);
  }
});

test("a field the kept record lacks comes from the other; a person's choice wins", () => {
  expect(mergePicks("a", { a, b }, {}).email).toBe("b");
  const picks = mergePicks("b", { a, b }, { city: "a" });
  expect(picks.city).toBe("a");
  expect(picks.lastName).toBe("b");
});
