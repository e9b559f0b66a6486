// A custom field's key is suggested from its label (issue #13 item 12), always in a shape the
// shared schema accepts.
import { customFieldDefinitionSchema } from "@/lib/citizens/schemas";
import { keyFromLabel } from "@/lib/citizens/custom-field-key";

test.each([
  ["Ward", "ward"],
  ["Ward number", "ward_number"],
  ["  Member no. ", "member_no"],
  ["Numéro d'électeur", "numero_d_electeur"],
  ["2nd address", "f_2nd_address"],
  ["Größe (cm)", "grosse_cm"],
  ["!!!", ""],
  ["", ""],
])("%j → %j", (label, key) => {
  expect(keyFromLabel(label)).toBe(key);
});

test("every suggestion the schema can take is accepted by it, long labels included", () => {
  for (const label of ["Ward", "A".repeat(80), `x ${"long words ".repeat(6)}`, "1", "Ω mega"]) {
    const key = keyFromLabel(label);
    if (!key) continue;
    expect(key.length).toBeLessThanOrEqual(40);
    expect(
      customFieldDefinitionSchema.safeParse({ key, label, type: "TEXT", options: "", required: false }).success,
    ).toBe(true);
  }
});
