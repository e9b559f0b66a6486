// The CSV of an upload is the request body itself (Content-Type: text/csv), not a multipart
// form: a route handler gets the body as a stream, and multipart would have to be buffered or
// parsed by hand before the first row could be read. Mapping and file name travel in the query.
import "server-only";
import { AppError, ValidationError } from "@/lib/errors";

export type CsvRequestBody = { body: ReadableStream<Uint8Array>; expectedBytes?: number };

/**
 * The CSV body of `req`, refusing what cannot be a CSV upload. `requireLength`: a proxy in
 * front (Next.js buffers bodies for middleware up to a limit) may end a body early without an
 * error; only a known Content-Length lets the import tell a cut file from a complete one.
 */
export function csvRequestBody(
  req: Request,
  maxBytes: number,
  options: { requireLength?: boolean } = {},
): CsvRequestBody {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (
    type.startsWith("multipart/") ||
    type.startsWith("application/x-www-form-urlencoded") ||
    type.startsWith("application/json")
  ) {
    throw new ValidationError(
      "Send the CSV file itself as the request body (Content-Type: text/csv), with the mapping in the query string",
      { file: ["Not a CSV body"] },
    );
  }
  const length = req.headers.get("content-length");
  const expectedBytes = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
  if (expectedBytes !== undefined && expectedBytes > maxBytes) {
    throw new ValidationError(
      `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: split it into smaller files`,
      { file: ["File too large"] },
    );
  }
  if (options.requireLength && expectedBytes === undefined) {
    throw new ValidationError(
      "Send the file with a Content-Length header (not chunked), so a cut-off upload can be detected",
      { file: ["Length required"] },
    );
  }
  if (!req.body || expectedBytes === 0)
    throw new ValidationError("The request has no file: send the CSV as the body", { file: ["No file"] });
  return { body: req.body, expectedBytes };
}

export const UPLOAD_ABORTED_MESSAGE = "The upload was interrupted before the whole file arrived: upload the file again";

/** The client went away mid-body: the request was aborted, or its socket reset or closed. */
export function isClientAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  if (err instanceof AppError) return false;
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  return (
    !!e &&
    (e.code === "ECONNRESET" ||
      e.code === "ERR_STREAM_PREMATURE_CLOSE" ||
      e.name === "AbortError" ||
      e.name === "ResponseAborted" ||
      e.message === "aborted")
  );
}
