// One import: its status and counters (the progress bar polls this), or cancel it.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { cancelImport } from "@/lib/citizens/import/commit";
import { getImportJob } from "@/lib/citizens/import/jobs";
import { importJobIdSchema } from "@/lib/citizens/import/schemas";

type Params = { tenant: string; jobId: string };

export const GET = withTenant<Params>("citizen.import", async (_req, ctx, params) => {
  const { jobId } = importJobIdSchema.parse(params);
  return NextResponse.json({ job: await getImportJob(ctx, jobId) }, { headers: { "cache-control": "no-store" } });
});

export const DELETE = withTenant<Params>("citizen.import", async (_req, ctx, params) => {
  const { jobId } = importJobIdSchema.parse(params);
  return NextResponse.json({ job: await cancelImport(ctx, jobId) });
});
