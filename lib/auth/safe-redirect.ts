// The one decision about where a user may be sent after signing in (or out): every redirect
// parameter (callbackUrl on the sign-in page and its actions, Auth.js's own callbackUrl through
// the `redirect` callback in lib/auth/auth.ts) goes through here; tests/unit/safe-redirect
// fails on a second helper.
//
// Decided by parsing, not by prefix checks: browsers drop tabs and newlines from URLs and
// read "\" as "/", so "/\t/evil.example" or "/\\evil.example" look like paths to a string test
// and leave the site once followed. So: any control character, backslash or look-alike
// (full-width slash, invisible format character…) anywhere, in the value or in any of its
// percent-decoded forms, refuses it; what is left is resolved with `new URL` against a base
// and kept only when the origin did not change. The answer is the normalised path, query and
// hash (percent-encoded ASCII), so what the browser follows is exactly what was checked.

/**
 * Stands for the app's own origin. Only paths are accepted, so the real origin changes nothing
 * in the decision; ".invalid" (RFC 2606) can never be anyone's host.
 */
const BASE = "http://civitas.invalid";

// C0 and C1 controls, DEL, backslash; Unicode spaces other than " " (U+0020); format
// characters (zero-width, bidi overrides); line/paragraph separators; and characters that
// render as or normalise to "/", "\" or "." (full-width and fraction slashes, ideographic full
// stops), which some parsers and people read as separators.
const FORBIDDEN =
  /[\u0000-\u001f\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c\uff0e\u3002\uff61\ufe52]/;

/** How deep a value may be percent-encoded before it is refused rather than decoded further. */
const MAX_DECODINGS = 4;

/**
 * One round of percent-decoding that never throws: a run of escapes that is not UTF-8 keeps its
 * non-ASCII bytes encoded but still decodes the ASCII ones, so "%FF%09" cannot hide a tab.
 */
function decodeOnce(value: string): string {
  return value.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** The value and each of its percent-decoded forms; null when it is encoded too deep to tell. */
function decodedForms(value: string): string[] | null {
  const forms = [value];
  for (let i = 0; i < MAX_DECODINGS; i++) {
    const next = decodeOnce(forms[forms.length - 1]!);
    if (next === forms[forms.length - 1]) return forms;
    forms.push(next);
  }
  return null;
}

/** `value` as a same-origin path ("/a/b?c#d"), or null when following it could leave the site. */
export function sameOriginPath(value: unknown): string | null {
  if (typeof value !== "string" || value === "" || value.length > 2048) return null;
  const forms = decodedForms(value);
  if (!forms) return null;
  for (const form of forms) {
    if (FORBIDDEN.test(form)) return null;
  }
  // Only paths: "//host" and "/%2F/host" (decoded) are protocol-relative, "scheme:" absolute.
  if (forms.some((form) => !form.startsWith("/") || form.startsWith("//"))) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.username !== "" || url.password !== "") return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a leading "//" ("/.//evil.example" → "//evil.example"),
  // which as a Location is another host again.
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  return path;
}

/**
 * Where to go after signing in: a same-origin path, and not the sign-in page itself (a loop)
 * nor an API route (a JSON page is not a destination).
 */
export function safeRedirectPath(value: unknown): string | null {
  const path = sameOriginPath(value);
  if (!path) return null;
  const decoded = decodedForms(path.replace(/[?#].*$/, ""));
  if (!decoded) return null;
  const pathname = decoded[decoded.length - 1]!.toLowerCase();
  if (pathname.startsWith("/sign-in") || pathname === "/api" || pathname.startsWith("/api/")) return null;
  return path;
}

/**
 * Auth.js's `redirect` callback: its callbackUrl (query, form field or cookie, relative or
 * absolute) must be a path on this origin, otherwise the site's root. Sign-out sends people to
 * /sign-in, so that page is allowed here; an absolute URL counts only with exactly our origin.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const origin = new URL(baseUrl).origin;
  const relative = url.startsWith(`${origin}/`) ? url.slice(origin.length) : url === origin ? "/" : url;
  const path = sameOriginPath(relative);
  return path ? `${origin}${path}` : origin;
}
