// One answer as text, in one response (no streaming): classification prompts, short drafts.
import "server-only";
import { withAiFeature } from "@/lib/ai/log-context";
import { aiClient, resolveModel } from "./client";
import { messageParams, usageFromSdk, type AiCallInput, type AiUsage } from "./types";
import { withRetries } from "./retry";

export type AiTextResult = { text: string; usage: AiUsage; model: string; stopReason: string | null };

export function completeText(input: AiCallInput): Promise<AiTextResult> {
  return withAiFeature(input.feature, async () => {
    const { client, config } = aiClient();
    const model = resolveModel(input.feature, input.model);
    const message = await withRetries(
      () => client.messages.create({ ...messageParams(input, model), stream: false }, { signal: input.signal }),
      { maxRetries: config.maxRetries, signal: input.signal },
    );
    const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
    return { text, usage: usageFromSdk(message.usage), model: message.model, stopReason: message.stop_reason ?? null };
  });
}
