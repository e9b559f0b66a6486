// HTML escaping for email templates. Names, tenant names and links come from users, so every
// value put into markup goes through here: text and attribute values alike (quotes included).
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/**
 * A link for an href: only absolute http(s) URLs pass (a `javascript:` URL in an email would be
 * an attack on whoever opens it); anything else is a programming error, so it throws.
 */
export function safeHref(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new Error(`email link must be http(s): ${parsed.protocol}`);
  return escapeHtml(parsed.toString());
}
