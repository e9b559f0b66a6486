// Keyed blind indexes: HMAC-SHA256 of a normalised value, per tenant and field, so an exact
// look-up ("who has national ID X?") is an indexed equality without the value in clear. Per
// tenant: the same email in two tenants gives two unrelated digests. Normalisation makes
// "Jane@Example.org " and "jane@example.org" the same person.
import { createHmac } from "node:crypto";
import type { Keyring } from "./keyring";

export type PiiField = "email" | "phone" | "nationalId" | "dateOfBirth";

export const normalize: Record<PiiField, (value: string) => string> = {
  email: (v) => v.trim().toLowerCase(),
  // Digits only, keeping a leading + (international form): "+31 (0)6-1234 5678" → "+31061234 5678" sans spaces.
  phone: (v) => {
    const trimmed = v.trim();
    return (trimmed.startsWith("+") ? "+" : "") + trimmed.replace(/\D/g, "");
  },
  nationalId: (v) => v.toUpperCase().replace(/[^0-9A-Z]/g, ""),
  dateOfBirth: (v) => v.trim().slice(0, 10),
};

export function blindIndex(keyring: Keyring, field: PiiField, tenantId: string, value: string): string {
  return createHmac("sha256", keyring.blindIndexKey)
    .update(`${tenantId}\u0000${field}\u0000${normalize[field](value)}`)
    .digest("base64url")
    .slice(0, 32);
}
