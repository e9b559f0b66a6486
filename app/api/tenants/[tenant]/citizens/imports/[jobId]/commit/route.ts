// Import the validated rows: {"mode": "all" | "valid_only", "skipDuplicates": bool}. "all" is
// refused (409) while any row is invalid. One transaction: every chosen row, or none.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { commitImport } from "@/lib/citizens/import/commit";
import { commitImportSchema, importJobIdSchema } from "@/lib/citizens/import/schemas";
import { readJsonBody } from "@/lib/http/json-body";

export const POST = withTenant<{ tenant: string; jobId: string }>("citizen.import", async (req, ctx, params) => {
  const { jobId } = importJobIdSchema.parse(params);
  const input = await readJsonBody(req, commitImportSchema);
  return NextResponse.json({ job: await commitImport(ctx, jobId, input) });
});
