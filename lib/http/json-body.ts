// The one reader of JSON request bodies for route handlers (tests/unit/route-bodies checks that
// no route calls req.json() itself). In order: the content type must be application/json — a
// text/plain body is what a page on another site can send without a CORS preflight, so it is
// refused, not guessed at; the body is counted while it streams and cut at the limit; it must
// be UTF-8 JSON; and the shared zod schema parses it into field errors.
import type { z } from "zod";
import { parseInput, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";

/** Bodies of the JSON routes are small objects; a megabyte is far beyond any of them. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const NOT_JSON = "The request body must be JSON";

/** "application/json", optionally with "; charset=utf-8", and nothing else. */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((p) => p === "" || /^charset="?utf-8"?$/.test(p));
}

export async function readLimited(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new PayloadTooLargeError(`The request body is larger than ${Math.round(maxBytes / 1024)} KB`);
  const length = req.headers.get("content-length");
  if (length !== null && /^\d+$/.test(length) && Number(length) > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * The exact bytes of the body as text, for signature checks over the raw body (the Stripe
 * webhook): 413 over `maxBytes`, never parsed or re-serialised here.
 */
export async function readRawTextBody(req: Request, maxBytes: number): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readLimited(req, maxBytes));
}

/**
 * The body of `req` parsed with `schema`: 415 for another content type, 413 over `maxBytes`,
 * 400 for anything that is not UTF-8 JSON, 400 with field errors when the schema refuses it.
 */
export async function readJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  if (!isJsonContentType(req.headers.get("content-type"))) {
    throw new UnsupportedMediaTypeError("Send the body as JSON with Content-Type: application/json");
  }
  const bytes = await readLimited(req, options.maxBytes ?? MAX_JSON_BODY_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new ValidationError(NOT_JSON, { _form: [NOT_JSON] });
  }
  return parseInput(schema, value);
}
