// A citizen form's flat FormData → the structured input the shared schema parses. Client-safe:
// the browser uses it to validate before sending, the server action receives its result.
import { CONSENT_PURPOSES, PII_FIELDS } from "./schemas";

export function citizenInputFromForm(form: FormData): Record<string, unknown> {
  const entries = Object.fromEntries(form) as Record<string, FormDataEntryValue>;
  const text = (k: string) => (typeof entries[k] === "string" ? (entries[k] as string) : undefined);
  const consents: Record<string, unknown> = {};
  for (const purpose of CONSENT_PURPOSES) {
    const state = text(`consent.${purpose}`); // "granted" | "withdrawn" | "" (not recorded)
    if (state === "granted" || state === "withdrawn") {
      consents[purpose] = {
        granted: state === "granted",
        at: text(`consent.${purpose}.at`) ?? "",
        source: text(`consent.${purpose}.source`) ?? "",
      };
    }
  }
  const customFields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entries))
    if (k.startsWith("cf.") && typeof v === "string") customFields[k.slice(3)] = v;
  const input: Record<string, unknown> = {
    firstName: text("firstName"),
    lastName: text("lastName"),
    email: text("email"),
    phone: text("phone"),
    nationalId: text("nationalId"),
    dateOfBirth: text("dateOfBirth"),
    addressLine1: text("addressLine1"),
    addressLine2: text("addressLine2"),
    postalCode: text("postalCode"),
    city: text("city"),
    country: text("country"),
    preferredLanguage: text("preferredLanguage"),
    tags: text("tags") ?? "",
    notes: text("notes") ?? "",
    consents,
    customFields,
  };
  if (text("id")) {
    input.id = text("id");
    input.clear = PII_FIELDS.filter((f) => entries[`clear.${f}`] === "on");
  }
  if (text("version")) input.version = text("version");
  return input;
}
