// What the Auth.js logger adapter writes for an error: the whole cause chain (Auth.js wraps
// the real failure — e.g. oauth4webapi's "server responded with an error in the response body"
// with the provider's invalid_grant — in a CallbackRouteError whose own message says nothing),
// each link as name, message and code, with anything that can carry a secret scrubbed from the
// messages: query strings (authorization codes, state), code=/token=… parameters, bearer and
// JWT-shaped tokens.

export type ErrorLink = {
  name: string;
  message: string;
  code?: string;
  type?: string;
  error?: string;
  error_description?: string;
  status?: number;
};

const MAX_DEPTH = 8;

/** Replaces what can carry a credential in a message with "[redacted]". */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(https?:\/\/[^\s?#"']*)\?[^\s#"']*/gi, "$1?[redacted]")
    .replace(
      /\b((?:code|token|access_token|refresh_token|id_token|client_secret|code_verifier|state|nonce|password)\s*[=:]\s*)("?)[^\s&"',;]+/gi,
      "$1$2[redacted]",
    )
    .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]")
    .replace(/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, "[redacted-jwt]");
}

const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.length > 0 ? scrubSecrets(v).slice(0, 500) : undefined;

function link(err: Error): ErrorLink {
  const e = err as Error & {
    code?: unknown;
    type?: unknown;
    error?: unknown;
    error_description?: unknown;
    status?: unknown;
  };
  const out: ErrorLink = { name: e.name || "Error", message: text(e.message) ?? "" };
  if (text(e.code)) out.code = text(e.code);
  // Auth.js's own error class (minified names in production builds keep `type`).
  if (text(e.type)) out.type = text(e.type);
  // OAuth error responses (oauth4webapi): the provider's error code, never a token.
  if (text(e.error)) out.error = text(e.error);
  if (text(e.error_description)) out.error_description = text(e.error_description);
  if (typeof e.status === "number") out.status = e.status;
  return out;
}

/** Auth.js stores the cause as `{ err, ...details }`; plain errors as the Error itself. */
function causeOf(err: Error): Error | undefined {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause;
  if (cause && typeof cause === "object" && (cause as { err?: unknown }).err instanceof Error)
    return (cause as { err: Error }).err;
  return undefined;
}

/** The error and its causes, outermost first. */
export function authErrorChain(error: unknown): ErrorLink[] {
  if (!(error instanceof Error)) return [{ name: typeof error, message: text(String(error)) ?? "" }];
  const chain: ErrorLink[] = [];
  const seen = new Set<Error>();
  for (let e: Error | undefined = error; e && !seen.has(e) && chain.length < MAX_DEPTH; e = causeOf(e)) {
    seen.add(e);
    chain.push(link(e));
  }
  return chain;
}
