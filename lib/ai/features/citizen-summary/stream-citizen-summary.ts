// The streamed citizen summary (issue #10 item 1): gate → prompt → the shared stored-summary
// stream (reserve → stream → settle exactly once → store a complete answer). A feature not in
// the plan (403), AI not configured (503) or another tenant's citizen (404) costs nothing.
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { streamStoredSummary } from "@/lib/ai/features/summary/stream-stored-summary";
import type { GuardedContext } from "@/lib/auth/guard";
import { aiStatus } from "@/lib/config/ai";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { buildCitizenSummaryPrompt } from "./build-citizen-summary-prompt";
import { saveCitizenSummary } from "./save-citizen-summary";

export async function streamCitizenSummary(
  ctx: GuardedContext,
  input: { citizenId: string; signal?: AbortSignal },
): Promise<Response> {
  const feature = "citizen_summary" as const;
  const config = await assertAiFeatureAllowed(ctx, feature, aiStatus());
  if (!isUuid(input.citizenId)) throw new NotFoundError("Citizen not found");
  const prompt = await buildCitizenSummaryPrompt(ctx, input.citizenId);
  return streamStoredSummary(ctx, {
    feature,
    config,
    prompt,
    signal: input.signal,
    target: { citizenId: input.citizenId },
    store: (done) => saveCitizenSummary(ctx, { citizenId: input.citizenId, ...done }),
  });
}
