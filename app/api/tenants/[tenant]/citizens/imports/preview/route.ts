// The header, the first rows and a suggested mapping of a CSV (the body: the file or its
// first bytes). Stores nothing.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { previewImport } from "@/lib/citizens/import/preview";
import { csvRequestBody } from "@/lib/citizens/import/request-body";
import { MAX_IMPORT_BYTES } from "@/lib/citizens/import/schemas";

export const POST = withTenant("citizen.import", async (req, ctx) => {
  const { body } = csvRequestBody(req, MAX_IMPORT_BYTES);
  return NextResponse.json(await previewImport(ctx, body));
});
