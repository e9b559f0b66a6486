// Turning a citizen's personal fields into stored columns and back. Encryption (with the
// tenant and field as associated data) and blind indexes live here only, so nothing else
// handles keys or ciphertexts. (No "server-only" marker: the seed and key-rotation scripts run
// it under plain Node; nothing in the browser bundle imports it.)
import { blindIndex, type PiiField } from "@/lib/crypto/blind-index";
import { decryptField, encryptField } from "@/lib/crypto/field-cipher";
import { getKeyring, type Keyring } from "@/lib/crypto/keyring";
import type { PiiFieldName } from "./schemas";

export const PII_COLUMNS: Record<PiiFieldName, { enc: string; bidx: string; column: string }> = {
  email: { enc: "emailEnc", bidx: "emailBidx", column: "email" },
  phone: { enc: "phoneEnc", bidx: "phoneBidx", column: "phone" },
  nationalId: { enc: "nationalIdEnc", bidx: "nationalIdBidx", column: "national_id" },
  dateOfBirth: { enc: "dateOfBirthEnc", bidx: "dateOfBirthBidx", column: "date_of_birth" },
};

export type PiiValues = Partial<Record<PiiFieldName, string | undefined>>;
export type PiiColumns = {
  emailEnc: string | null;
  emailBidx: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  nationalIdEnc: string | null;
  nationalIdBidx: string | null;
  dateOfBirthEnc: string | null;
  dateOfBirthBidx: string | null;
};

const fieldKey = (f: PiiFieldName) => `citizen.${f}`;

export function encryptPii(tenantId: string, values: PiiValues, keyring: Keyring = getKeyring()): PiiColumns {
  const out: Record<string, string | null> = {};
  for (const [field, cols] of Object.entries(PII_COLUMNS) as Array<
    [PiiFieldName, (typeof PII_COLUMNS)[PiiFieldName]]
  >) {
    const value = values[field];
    out[cols.enc] = value ? encryptField(keyring, value, { tenantId, field: fieldKey(field) }) : null;
    out[cols.bidx] = value ? blindIndex(keyring, field as PiiField, tenantId, value) : null;
  }
  return out as PiiColumns;
}

/** One field's ciphertext, as `encryptPii` stores it (no blind index: for values kept only to be shown). */
export function encryptPiiField(
  tenantId: string,
  field: PiiFieldName,
  value: string,
  keyring: Keyring = getKeyring(),
): string {
  return encryptField(keyring, value, { tenantId, field: fieldKey(field) });
}

export function decryptPii(
  tenantId: string,
  field: PiiFieldName,
  stored: string | null,
  keyring: Keyring = getKeyring(),
): string | null {
  return stored ? decryptField(keyring, stored, { tenantId, field: fieldKey(field) }) : null;
}

export function piiBlindIndex(
  tenantId: string,
  field: PiiFieldName,
  value: string,
  keyring: Keyring = getKeyring(),
): string {
  return blindIndex(keyring, field as PiiField, tenantId, value);
}

/** What a list or a record shows without a reveal: masked, never the value. */
export function maskPii(field: PiiFieldName, value: string | null): string | null {
  if (!value) return null;
  if (field === "email") {
    const at = value.lastIndexOf("@");
    return at > 0 ? `${value[0]}•••${value.slice(at)}` : "•••";
  }
  if (field === "dateOfBirth") return `••••-••-${value.slice(8, 10)}`.replace(/-$/, "");
  return `•••${value.replace(/\s/g, "").slice(-3)}`;
}
