// Streams an AI draft of a reply to the citizen as SSE frames (lib/ai/stream/protocol.ts); the
// body may name the language. The guard takes the tenant from the URL; another tenant's case
// answers 404 before any credit is reserved. Refusals before the stream starts are JSON errors:
// 400/415 (body), 402 (credits, with details.billingUrl), 403, 429, 503 AI_NOT_CONFIGURED.
import { withTenant } from "@/lib/auth/guard";
import { replyDraftRequestSchema } from "@/lib/ai/features/reply-draft/schemas";
import { streamReplyDraft } from "@/lib/ai/features/reply-draft/stream-reply-draft";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant<{ tenant: string; caseId: string }>("case.update", async (req, ctx, params) => {
  const request = await readJsonBody(req, replyDraftRequestSchema);
  return streamReplyDraft(ctx, { caseId: params.caseId, request, signal: req.signal });
});
