// Reads a CSV byte stream record by record, in flat memory: csv-parse is fed through a pipe,
// so when the consumer is busy (validating, writing a batch) the parser's buffer fills, the
// pipe pauses and no more of the request body is read. Nothing holds the whole file.
//
// Each record carries the file line it starts on (header = 1). csv-parse's own line counter
// counts a CRLF inside a quoted value twice, so lines are counted here from the values.
import "server-only";
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ValidationError } from "@/lib/errors";

/** A request body (web stream), a Node stream or any async iterable of bytes or text. */
export type CsvSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export type CsvRecord = { line: number; values: string[] };

export type CsvReader = {
  records: AsyncGenerator<CsvRecord, void, undefined>;
  /** Bytes taken from the source so far. */
  bytesRead(): number;
  /** Stops reading and releases the source (a request body is cancelled). */
  close(): void;
};

/** A record can hold long notes, but a runaway quote must not swallow the file into memory. */
const MAX_RECORD_CHARS = 1_000_000;

async function* chunksOf(source: CsvSource): AsyncGenerator<Uint8Array | string> {
  if ("getReader" in source) {
    const reader = source.getReader();
    let done = false;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    yield* source;
  }
}

const lineBreaks = (value: string) =>
  value.includes("\n") || value.includes("\r") ? (value.match(/\r\n|\r|\n/g)?.length ?? 0) : 0;

/** Opens `source` as CSV (UTF-8, optional BOM, comma-separated, header expected as first record). */
export function openCsv(source: CsvSource, options: { maxBytes: number }): CsvReader {
  let bytes = 0;
  async function* limited() {
    for await (const chunk of chunksOf(source)) {
      bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (bytes > options.maxBytes) {
        throw new ValidationError(
          `The file is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB: split it into smaller files`,
          { file: ["File too large"] },
        );
      }
      yield typeof chunk === "string" ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }
  const input = Readable.from(limited(), { objectMode: false });
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);

  async function* records(): AsyncGenerator<CsvRecord, void, undefined> {
    let nextLine = 1;
    let emptyLines = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { empty_lines: number };
      }>) {
        const line = nextLine + (info.empty_lines - emptyLines);
        emptyLines = info.empty_lines;
        nextLine = line + 1 + record.reduce((n, v) => n + lineBreaks(v), 0);
        yield { line, values: record };
      }
    } catch (err) {
      throw err instanceof CsvError ? csvErrorToValidation(err) : err;
    } finally {
      input.destroy();
    }
  }

  return {
    records: records(),
    bytesRead: () => bytes,
    close() {
      input.destroy();
      parser.destroy();
    },
  };
}

/** Our own words for csv-parse's errors: theirs can quote the offending value (PII). */
function csvErrorToValidation(err: CsvError): ValidationError {
  const at =
    typeof (err as { lines?: unknown }).lines === "number"
      ? ` (near line ${(err as unknown as { lines: number }).lines})`
      : "";
  const messages: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: `A quoted value is never closed${at}: the file ends inside quotes`,
    INVALID_OPENING_QUOTE: `A quote (") appears inside an unquoted value${at}: put the value in quotes and double the quote inside`,
    CSV_INVALID_CLOSING_QUOTE: `A value's closing quote is followed by other characters${at}`,
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: `A value's closing quote is followed by other characters${at}`,
    CSV_MAX_RECORD_SIZE: `A row is longer than ${MAX_RECORD_CHARS.toLocaleString("en")} characters${at}: is a closing quote missing?`,
  };
  const message = messages[err.code] ?? `The file is not valid CSV${at} (${err.code})`;
  return new ValidationError(message, { file: [message] });
}
