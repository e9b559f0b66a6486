// The SDK client: one per process, made on first use from the configuration. The SDK's own
// retries are off (this module's retry.ts decides), its console logging is off (our errors
// are logged by errors.ts through pino, without the key), and the timeout is AI_TIMEOUT_MS.
import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import type { AiFeature } from "@/lib/ai/features";
import { aiConfig, modelFor, type AiConfig } from "@/lib/config/ai";
import { AiNotConfiguredError } from "./errors";

let cached: { key: string; client: Anthropic } | undefined;

/** The client and settings for a call; throws AiNotConfiguredError without a key (and no demo). */
export function aiClient(): { client: Anthropic; config: AiConfig } {
  const config = aiConfig();
  if (config.apiKey === undefined) throw new AiNotConfiguredError();
  // Keyed by the settings so a test that points the configuration at another local server
  // gets a client for it; in a running app the settings never change, so this is made once.
  const key = `${config.baseURL ?? ""}\n${config.timeoutMs}\n${config.apiKey}`;
  if (cached?.key !== key) {
    cached = {
      key,
      client: new Anthropic({
        apiKey: config.apiKey,
        baseURL: config.baseURL,
        maxRetries: 0,
        timeout: config.timeoutMs,
        logLevel: "off",
      }),
    };
  }
  return { client: cached.client, config };
}

export function resolveModel(feature: AiFeature, override?: string): string {
  return override ?? modelFor(feature);
}
