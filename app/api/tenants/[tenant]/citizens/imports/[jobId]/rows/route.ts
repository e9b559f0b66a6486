// The validation report of an import, a page at a time: ?kind=invalid|duplicates&cursor=.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { listImportRows } from "@/lib/citizens/import/jobs";
import { importJobIdSchema, importRowsQuerySchema } from "@/lib/citizens/import/schemas";

export const GET = withTenant<{ tenant: string; jobId: string }>("citizen.import", async (req, ctx, params) => {
  const { jobId } = importJobIdSchema.parse(params);
  const sp = req.nextUrl.searchParams;
  const query = importRowsQuerySchema.parse({
    kind: sp.get("kind") ?? undefined,
    cursor: sp.get("cursor") ?? undefined,
    limit: sp.get("limit") ?? undefined,
  });
  return NextResponse.json(await listImportRows(ctx, jobId, query), { headers: { "cache-control": "no-store" } });
});
