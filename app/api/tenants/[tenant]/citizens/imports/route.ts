// Upload a CSV of citizens for validation: the body is the file (text/csv), the query holds
// `mapping` (JSON: column → field), `fileName` and optionally `jobId` (a UUID the browser
// picks, so it can poll GET …/imports/<jobId> while this request is still validating).
// Answers `{ job }` when every row is staged; nothing is imported before the commit.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { csvRequestBody } from "@/lib/citizens/import/request-body";
import { importUploadSchema, MAX_IMPORT_BYTES } from "@/lib/citizens/import/schemas";
import { validateImport } from "@/lib/citizens/import/validate";

export const POST = withTenant("citizen.import", async (req, ctx) => {
  const params = req.nextUrl.searchParams;
  const input = importUploadSchema.parse({
    fileName: params.get("fileName"),
    mapping: params.get("mapping"),
    jobId: params.get("jobId"),
  });
  const { body, expectedBytes } = csvRequestBody(req, MAX_IMPORT_BYTES, { requireLength: true });
  // The request's signal tells an upload the user abandoned from a server failure.
  const job = await validateImport(ctx, input, body, { expectedBytes, signal: req.signal });
  return NextResponse.json({ job }, { status: 201 });
});
