// Streams an AI summary of one case as SSE frames (lib/ai/stream/protocol.ts). The guard takes
// the tenant from the URL; another tenant's case answers 404 before any credit is reserved.
// Refusals before the stream starts are JSON errors: 400/415 (the body must be JSON `{}`), 402
// (credits, with details.billingUrl), 403 (plan or switched off), 429 (monthly limit), 503
// AI_NOT_CONFIGURED.
import { withTenant } from "@/lib/auth/guard";
import { caseSummaryRequestSchema } from "@/lib/ai/features/case-summary/schemas";
import { streamCaseSummary } from "@/lib/ai/features/case-summary/stream-case-summary";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant<{ tenant: string; caseId: string }>("case.update", async (req, ctx, params) => {
  await readJsonBody(req, caseSummaryRequestSchema);
  return streamCaseSummary(ctx, { caseId: params.caseId, signal: req.signal });
});
