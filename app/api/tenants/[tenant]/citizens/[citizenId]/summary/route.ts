// Streams an AI summary of one citizen's cases as SSE frames (lib/ai/stream/protocol.ts). The
// guard takes the tenant from the URL; another tenant's citizen answers 404 before any credit
// is reserved. Refusals before the stream starts are JSON errors: 400/415 (the body must be
// JSON `{}`), 402 (credits, with details.billingUrl), 403 (plan or switched off), 429 (monthly
// limit), 503 AI_NOT_CONFIGURED.
import { withTenant } from "@/lib/auth/guard";
import { citizenSummaryRequestSchema } from "@/lib/ai/features/citizen-summary/schemas";
import { streamCitizenSummary } from "@/lib/ai/features/citizen-summary/stream-citizen-summary";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant<{ tenant: string; citizenId: string }>("case.update", async (req, ctx, params) => {
  await readJsonBody(req, citizenSummaryRequestSchema);
  return streamCitizenSummary(ctx, { citizenId: params.citizenId, signal: req.signal });
});
