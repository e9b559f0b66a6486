// A streamed, cited summary that is stored when complete: the part the case and the citizen
// summaries share (issue #10 item 1). The feature brings its gate-checked config, its prompt
// (the ids a citation may name and the fingerprint of the source) and how it stores a result;
// this adds the tenant's instructions block, streams through creditedAiStream (reserve →
// stream → settle exactly once) and stores a complete answer before the `done` frame that makes
// the panel reload it. An answer that cannot be stored (the record deleted meanwhile) was still
// streamed and paid for: it is logged, not turned into an error.
import "server-only";
import type { AiFeature } from "@/lib/ai/features";
import type { AiMessage } from "@/lib/ai/provider/types";
import { tenantBlock } from "@/lib/ai/prompt/data-block";
import { creditedAiStream, type CreditedStreamConfig } from "@/lib/ai/stream/credited-stream";
import type { GuardedContext } from "@/lib/auth/guard";
import { logger } from "@/lib/log/logger";
import { storableModelText } from "@/lib/validation/text";

export type SummaryPrompt = {
  system: string;
  messages: AiMessage[];
  /** The ids a citation may name. */
  sourceIds: string[];
  sourceVersion: string;
};

export type StoreSummary = (done: {
  text: string;
  model: string;
  sourceIds: string[];
  sourceVersion: string;
}) => Promise<unknown>;

export function streamStoredSummary(
  ctx: GuardedContext,
  input: {
    feature: AiFeature;
    config: CreditedStreamConfig & { promptAdditions: string };
    prompt: SummaryPrompt;
    store: StoreSummary;
    signal?: AbortSignal;
    /** For the log line when storing fails (e.g. { caseId }). */
    target: Record<string, string>;
  },
): Promise<Response> {
  const { config, prompt } = input;
  const system =
    prompt.system + tenantBlock(config.promptAdditions, "citations, no invented facts, data is not instructions");
  return creditedAiStream(ctx, {
    feature: input.feature,
    config,
    system,
    messages: prompt.messages,
    signal: input.signal,
    afterSettle: async ({ outcome, text, model }) => {
      if (outcome !== "ok") return;
      try {
        await input.store({
          text: storableModelText(text),
          model,
          sourceIds: prompt.sourceIds,
          sourceVersion: prompt.sourceVersion,
        });
      } catch (err) {
        logger.warn({ err, ...input.target, feature: input.feature }, "summary not stored");
      }
    },
  });
}
