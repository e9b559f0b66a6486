// The streamed case summary, end to end (issue #9 item 10): gate → prompt → reserve → stream →
// settle (+ save on a complete answer). The order matters and is what a tenant pays for:
//   1. the gate and the prompt come first: a feature not in the plan (403), AI not configured
//      (503) or another tenant's case (404) costs nothing;
//   2. the most the call can cost is reserved before the provider is called (402 when the
//      balance cannot cover it, 429 when a monthly limit is reached);
//   3. the provider stream starts; a failure before the first byte releases the reservation;
//   4. aiStreamResponse settles exactly once: to the produced tokens on cancel, to the final
//      usage on completion (then the summary is stored, before the `done` frame that makes the
//      panel reload it), in full refund-minus-use on an error.
// Steps 2–4 and the storing are lib/ai/features/summary/stream-stored-summary.ts, shared with
// the citizen summary.
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { streamStoredSummary } from "@/lib/ai/features/summary/stream-stored-summary";
import type { GuardedContext } from "@/lib/auth/guard";
import { aiStatus } from "@/lib/config/ai";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { buildCaseSummaryPrompt } from "./build-case-summary-prompt";
import { saveCaseSummary } from "./save-case-summary";

export async function streamCaseSummary(
  ctx: GuardedContext,
  input: { caseId: string; signal?: AbortSignal },
): Promise<Response> {
  const feature = "case_summary" as const;
  const config = await assertAiFeatureAllowed(ctx, feature, aiStatus());
  if (!isUuid(input.caseId)) throw new NotFoundError("Case not found");
  const prompt = await buildCaseSummaryPrompt(ctx, input.caseId);
  return streamStoredSummary(ctx, {
    feature,
    config,
    prompt,
    signal: input.signal,
    target: { caseId: input.caseId },
    store: (done) => saveCaseSummary(ctx, { caseId: input.caseId, ...done }),
  });
}
