// The key a custom field's label suggests ("Ward number" → "ward_number", "Numéro d'électeur" →
// "numero_d_electeur"), in the shape customFieldDefinitionSchema accepts, so the person rarely has
// to think about keys at all. Client-safe.

export const CUSTOM_FIELD_KEY_MAX = 40;

export function keyFromLabel(label: string): string {
  const key = label
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!key) return "";
  // A key starts with a letter: "2nd address" → "f_2nd_address".
  const lettered = /^[a-z]/.test(key) ? key : `f_${key}`;
  return lettered.slice(0, CUSTOM_FIELD_KEY_MAX).replace(/_+$/, "");
}
