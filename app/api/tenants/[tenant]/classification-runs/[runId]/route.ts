// One bulk classification run's progress (JSON): state, counts, credits and the failed cases.
// The guard takes the tenant from the URL; another tenant's run answers 404.
import { withTenant } from "@/lib/auth/guard";
import { readClassificationRun } from "@/lib/ai/features/bulk-classification/read-classification-run";

export const dynamic = "force-dynamic";

export const GET = withTenant<{ tenant: string; runId: string }>("case.read", async (_req, ctx, params) =>
  Response.json({ run: await readClassificationRun(ctx, params.runId) }),
);
