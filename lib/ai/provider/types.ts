// The inputs and outputs every provider function shares. Kept SDK-free at the surface so
// features and tests never depend on the SDK's types, only on these.
import type { AiFeature } from "@/lib/ai/features";
import type { AiStreamUsage } from "@/lib/ai/stream/protocol";

/** Tokens of one call; the same shape the browser sees in a stream's `done` frame. */
export type AiUsage = AiStreamUsage;

export type AiMessage = { role: "user" | "assistant"; content: string };

export type AiCallInput = {
  feature: AiFeature;
  /** Overrides the feature's configured model (AI_MODEL_<FEATURE> / AI_MODEL_DEFAULT). */
  model?: string;
  system?: string;
  messages: AiMessage[];
  maxTokens: number;
  temperature?: number;
  signal?: AbortSignal;
};

export const ZERO_USAGE: AiUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

type SdkUsage = {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
};

export function usageFromSdk(u: SdkUsage | null | undefined): AiUsage {
  return {
    inputTokens: u?.input_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    cacheReadTokens: u?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
  };
}

/** The body fields every Messages API call of a feature sends. */
export function messageParams(input: AiCallInput, model: string) {
  return {
    model,
    max_tokens: input.maxTokens,
    messages: input.messages,
    ...(input.system !== undefined ? { system: input.system } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
  };
}
