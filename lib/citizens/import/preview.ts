// The first look at a file, before the user maps its columns: the header, a few rows and a
// suggested mapping. The browser sends only the file's first bytes; this reads the header and
// PREVIEW_ROWS records and stops. Nothing is stored.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { ValidationError } from "@/lib/errors";
import { listCustomFields } from "../custom-fields";
import { openCsv, type CsvSource } from "./csv-read";
import { suggestMapping } from "./mapping";
import { PREVIEW_MAX_BYTES, PREVIEW_ROWS, type ImportPreview } from "./schemas";
import { isBlankRecord } from "./row";

export async function previewImport(ctx: Pick<TenantContext, "tenantId">, body: CsvSource): Promise<ImportPreview> {
  // Past the limit the reader refuses; a preview never needs that much.
  const reader = openCsv(body, { maxBytes: PREVIEW_MAX_BYTES * 4 });
  let columns: string[] | null = null;
  const sample: string[][] = [];
  try {
    for await (const { values } of reader.records) {
      if (!columns) {
        columns = values.map((v) => v.trim());
        continue;
      }
      if (isBlankRecord(values)) continue;
      sample.push(values);
      if (sample.length >= PREVIEW_ROWS) break;
    }
  } catch (err) {
    // The browser cut the file at a byte count, maybe inside a row: once the header is read,
    // an error at the cut is the cut, not the file. The full validation reads everything.
    if (!columns || !(err instanceof ValidationError)) throw err;
  } finally {
    reader.close();
  }
  if (!columns)
    throw new ValidationError("The file is empty: it needs a header row, then one row per citizen", {
      file: ["Empty file"],
    });
  if (columns.every((c) => c === ""))
    throw new ValidationError("The first row must name the columns (a header row)", { file: ["No header row"] });
  const defs = await listCustomFields(ctx);
  return { columns, sample, suggestedMapping: suggestMapping(columns, defs) };
}
