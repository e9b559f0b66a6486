// The size limit of a server action's request body, shared by next.config.mjs
// (experimental.serverActions.bodySizeLimit, checked by tests/unit/malformed-request.test.ts),
// the middleware (which answers an oversized action with the error body instead of letting Next
// throw) and the client forms (which say "too large" before sending, and turn a rejected call
// into a message instead of an uncaught error). Client-safe: no server imports.
import type { ActionFailure } from "@/lib/errors/action";

/** Next's default: 1 MB. No form of the app comes near it; only a crafted request does. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export const TOO_LARGE_MESSAGE = "This form is too large to send (over 1 MB): shorten the longest texts and try again.";
const SEND_FAILED_MESSAGE = "The form could not be sent: check your connection and try again.";

/** The bytes the input takes on the wire, near enough (UTF-8 of its values). */
function approximateBytes(input: FormData | Record<string, unknown>): number {
  const encoder = new TextEncoder();
  let bytes = 0;
  const add = (key: string, value: unknown) => {
    bytes += encoder.encode(key).length + 64; // field name and multipart framing
    if (typeof value === "string") bytes += encoder.encode(value).length;
    else if (typeof Blob !== "undefined" && value instanceof Blob) bytes += value.size;
    else if (value !== undefined) bytes += encoder.encode(JSON.stringify(value) ?? "").length;
  };
  if (typeof FormData !== "undefined" && input instanceof FormData) input.forEach((value, key) => add(key, value));
  else for (const [key, value] of Object.entries(input)) add(key, value);
  return bytes;
}

const failure = (message: string): ActionFailure => ({ ok: false, code: "VALIDATION_FAILED", message });

/**
 * Calls a server action from a client form: an input over the limit is refused here with
 * TOO_LARGE_MESSAGE, and a call that rejects (Next answers an oversized or broken request with
 * an error the client throws) becomes a failure the form shows, not a crash.
 */
export async function sendAction<R>(
  input: FormData | Record<string, unknown>,
  call: () => Promise<R>,
): Promise<R | ActionFailure> {
  if (approximateBytes(input) > ACTION_BODY_LIMIT_BYTES) return failure(TOO_LARGE_MESSAGE);
  try {
    return await call();
  } catch (err) {
    // Next's redirect()/notFound() are control flow, not failures: let them through.
    const digest = (err as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string" && /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK)/.test(digest)) throw err;
    return failure(SEND_FAILED_MESSAGE);
  }
}
