// Input tokens a call would use, asked of the provider (free of charge): reservations of
// credits before a call can use it instead of a guess from the prompt's length.
import "server-only";
import { withAiFeature } from "@/lib/ai/log-context";
import { aiClient, resolveModel } from "./client";
import { withRetries } from "./retry";
import type { AiCallInput } from "./types";

export type AiCountTokensInput = Omit<AiCallInput, "maxTokens" | "temperature">;

export function countTokens(input: AiCountTokensInput): Promise<{ inputTokens: number }> {
  return withAiFeature(input.feature, async () => {
    const { client, config } = aiClient();
    const model = resolveModel(input.feature, input.model);
    const result = await withRetries(
      () =>
        client.messages.countTokens(
          { model, messages: input.messages, ...(input.system !== undefined ? { system: input.system } : {}) },
          { signal: input.signal },
        ),
      { maxRetries: config.maxRetries, signal: input.signal },
    );
    return { inputTokens: result.input_tokens };
  });
}
