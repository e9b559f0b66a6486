// Security headers for every response. Pure so it can be unit-tested and used from the
// edge runtime (middleware.ts), which cannot load Node-only modules. The headers that do not
// depend on the request live in static-security-headers.json, which next.config.mjs also
// applies to every path (static files and routes middleware skips, like the CSV upload).
import STATIC_SECURITY_HEADERS from "./static-security-headers.json";
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets scripts loaded by nonce'd scripts run (Next's chunks); the dev
    // server's fast refresh needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // React and Tailwind set inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(nonce: string, opts: { dev: boolean; https: boolean }): Record<string, string> {
  return { "content-security-policy": contentSecurityPolicy(nonce, opts), ...STATIC_SECURITY_HEADERS };
}

/** For responses that are data, never a document: nothing may load, frame or submit from them. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Puts the security headers on a route handler's response when middleware did not (the CSV
 * upload route is outside its matcher); headers already set are left as they are.
 */
export function applyApiSecurityHeaders(headers: Headers): void {
  const all: Record<string, string> = {
    "content-security-policy": API_CONTENT_SECURITY_POLICY,
    ...STATIC_SECURITY_HEADERS,
  };
  for (const [name, value] of Object.entries(all)) if (!headers.has(name)) headers.set(name, value);
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
