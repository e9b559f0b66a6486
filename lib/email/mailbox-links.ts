// Turning a stored email into safe, clickable links for /dev/mailbox, without rendering its
// HTML: the page shows the text body with its URLs made into links, plus the email's own
// labelled links ("Verify email", "Reset password", …) taken from its HTML. Only http(s) URLs
// ever become an href. Pure and client-safe.

export type MailboxLink = { label: string; href: string };
export type TextPart = { kind: "text"; value: string } | { kind: "link"; href: string };

const ANCHOR = /<a\b[^>]*?\bhref\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi;
const TAG = /<[^>]*>/g;
const ENTITY = /&(amp|lt|gt|quot|#39|#x27|nbsp);/g;
const DECODED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };

const decode = (s: string) => s.replace(ENTITY, (_, name: string) => DECODED[name]!);

/** The URL when it is an absolute http(s) URL, else null. */
export function safeLink(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/** The labelled links of an email's HTML, in order, without duplicates or unsafe ones. */
export function extractLinks(html: string | null | undefined): MailboxLink[] {
  if (!html) return [];
  const links: MailboxLink[] = [];
  const seen = new Set<string>();
  for (const [, rawHref = "", rawLabel = ""] of html.matchAll(ANCHOR)) {
    const href = safeLink(decode(rawHref.trim()));
    const label = decode(rawLabel.replace(TAG, "")).replace(/\s+/g, " ").trim();
    if (!href || !label || seen.has(`${label}\n${href}`)) continue;
    seen.add(`${label}\n${href}`);
    links.push({ label, href });
  }
  return links;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;
/** Sentence punctuation that ends a URL written in prose ("…/sign-in." or "(…/x)"). */
const TRAILING = /[.,;:!?)\]]+$/;

/** Splits a text body into plain runs and http(s) links. */
export function linkifyText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const raw = match[0];
    const url = raw.replace(TRAILING, "");
    const start = match.index;
    const href = safeLink(url);
    if (!href) continue;
    if (start > last) parts.push({ kind: "text", value: text.slice(last, start) });
    parts.push({ kind: "link", href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", value: text.slice(last) });
  return parts;
}
