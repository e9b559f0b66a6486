// Secrets and personal data that must never reach a log line, whatever logs it: an error
// message from the database ("Key (email)=(…) already exists"), an Auth.js error with a URL,
// a stray link from a template. The logger runs every string it writes through scrubText, so
// a careless call site cannot leak them; pino's redact paths (lib/log/logger.ts) catch the
// fields by name before that.

/** Any email address. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** A link that carries a secret: a token in its path or query (reset, verify, invitation). */
const TOKEN_URL = /\bhttps?:\/\/[^\s"'<>]*?(?:token|invitations\/|reset|verify)[^\s"'<>]*/gi;
/** A token-sized secret in hex (the app's tokens are 32 random bytes = 64 hex digits) or base64url. */
const HEX_TOKEN = /\b[0-9a-f]{40,}\b/gi;
const BASE64URL_TOKEN = /\b[A-Za-z0-9_-]{43,}\b/g;
/** National ids as the seed and the tests write them: 9 digits, or "85.07.30-033.61". */
const NATIONAL_ID = /\b\d{9}\b|\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b/g;

export function scrubText(text: string): string {
  return text
    .replace(TOKEN_URL, "[url redacted]")
    .replace(EMAIL, "[email]")
    .replace(HEX_TOKEN, "[token]")
    .replace(BASE64URL_TOKEN, (m) => (/[0-9]/.test(m) && /[A-Za-z]/.test(m) ? "[token]" : m))
    .replace(NATIONAL_ID, "[id]");
}

/** scrubText applied to every string inside `value` (objects and arrays copied, not changed). */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  // Errors are left to the logger's err serializer, which scrubs them once serialised.
  if (value === null || typeof value !== "object" || value instanceof Error || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}

/** The domain of an address, for log lines that must say where an email went but not to whom. */
export function emailDomain(address: string): string {
  const at = address.lastIndexOf("@");
  return at >= 0 ? address.slice(at + 1).toLowerCase() : "(none)";
}
