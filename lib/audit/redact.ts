// PII never enters the audit trail in clear: before/after diffs and event data pass through
// here. Keys that name personal data are replaced; email addresses elsewhere are masked so an
// event stays recognisable ("j…@example.org") without holding the address.
const PII_KEYS = new Set([
  "password",
  "passwordhash",
  "token",
  "tokenhash",
  "email",
  "phone",
  "nationalid",
  "dateofbirth",
  "address",
  "secret",
]);

export const REDACTED = "[redacted]";

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return REDACTED;
  return `${email[0]}…${email.slice(at)}`;
}

const normalise = (key: string) => key.replace(/[_\-\s]/g, "").toLowerCase();

/** A deep copy of `value` with PII keys redacted (emails masked). Plain data only. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const k = normalise(key);
      if (k === "email" && typeof v === "string") out[key] = maskEmail(v);
      else if (PII_KEYS.has(k)) out[key] = v == null ? v : REDACTED;
      else out[key] = redact(v);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}
