// A CSV download streamed page by page that cannot end as a clean-looking partial file.
//
// - The first page is produced (read, and for citizens decrypted) BEFORE the caller builds its
//   Response: if that fails, the request answers with a proper error status and error body,
//   not `200` and a file holding only the header line.
// - A page that fails after the first bytes were sent errors the stream (controller.error):
//   the connection ends without the chunked terminator, so curl and the browser report a
//   failed download instead of saving a short file that looks complete. It is logged, since
//   nobody else will see it.
// - A page is turned into text as a whole before it is queued, so a failure never leaves half
//   a page in the file either.
import { logger } from "@/lib/log/logger";
import { CSV_BOM } from "./write";

export type CsvPage = { text: string; last: boolean };

export type PagedCsvOptions = {
  /** The header line, with its line ending (the stream puts the UTF-8 BOM before it). */
  header: string;
  /** The next page (called again only when the client has taken the previous one). */
  nextPage: () => Promise<CsvPage>;
  /** Log fields (request_id, tenant_id, …) and the message for a failure after the first byte. */
  log: Record<string, unknown>;
  failureMessage: string;
};

export async function pagedCsvStream(options: PagedCsvOptions): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await options.nextPage();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + options.header));
        if (first.text) controller.enqueue(encoder.encode(first.text));
        if (first.last) controller.close();
      },
      async pull(controller) {
        try {
          const page = await options.nextPage();
          if (page.text) controller.enqueue(encoder.encode(page.text));
          if (page.last) controller.close();
        } catch (err) {
          logger.error({ ...options.log, err }, options.failureMessage);
          controller.error(err);
        }
      },
    },
    // One page queued ahead at most: a slow reader slows the database reads, not the heap.
    { highWaterMark: 1 },
  );
}
