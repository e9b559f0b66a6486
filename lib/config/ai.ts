// The AI provider's settings, read from the validated configuration (lib/config/schema.ts).
// The provider (lib/ai/provider/) and the UI's "not configured" / "Demo AI — offline" states
// both ask here, so the two can never disagree about whether AI works.
import type { AiFeature } from "@/lib/ai/features";
import { aiModelVariable, type Config } from "./schema";
import { getConfig } from "./load";

export type AiConfig = {
  /** Undefined: AI is not configured (every call throws AiNotConfiguredError). */
  apiKey: string | undefined;
  baseURL: string | undefined;
  defaultModel: string;
  timeoutMs: number;
  maxRetries: number;
  demo: boolean;
};

export function aiConfigFrom(c: Config): AiConfig {
  return {
    apiKey: c.ANTHROPIC_API_KEY,
    // The local demo server needs a key header like the real API; any value does.
    ...(c.AI_DEMO && !c.ANTHROPIC_API_KEY ? { apiKey: "demo-offline" } : {}),
    baseURL: c.ANTHROPIC_BASE_URL?.replace(/\/+$/, ""),
    defaultModel: c.AI_MODEL_DEFAULT,
    timeoutMs: c.AI_TIMEOUT_MS,
    maxRetries: c.AI_MAX_RETRIES,
    demo: c.AI_DEMO,
  };
}

export function aiConfig(): AiConfig {
  return aiConfigFrom(getConfig());
}

/** The model a feature uses: AI_MODEL_<FEATURE>, else AI_MODEL_DEFAULT. */
export function modelFor(feature: AiFeature, c: Config = getConfig()): string {
  return c[aiModelVariable(feature)] ?? c.AI_MODEL_DEFAULT;
}

/** What the UI shows: AI off ("AI is not configured"), on, or on the offline demo model. */
export function aiStatus(c: Config = getConfig()): { configured: boolean; demo: boolean } {
  const ai = aiConfigFrom(c);
  return { configured: ai.apiKey !== undefined, demo: ai.demo };
}
