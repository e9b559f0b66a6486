// Message Batches: many requests answered within 24 h at half price (bulk classification,
// briefings). Create, look at, list, cancel, and read the results (JSONL, which the SDK
// fetches from the batch's results_url with our key). Every request of a batch is for one
// feature, so one model setting and one `ai_feature` on the log lines.
import "server-only";
import type { AiFeature } from "@/lib/ai/features";
import { withAiFeature } from "@/lib/ai/log-context";
import { aiClient, resolveModel } from "./client";
import { providerError } from "./errors";
import { withRetries } from "./retry";
import { messageParams, usageFromSdk, type AiMessage, type AiUsage } from "./types";

export type AiBatchRequest = {
  /** Unique within the batch (1-64 of letters, digits, _ and -): how a result finds its row. */
  customId: string;
  system?: string;
  messages: AiMessage[];
  maxTokens: number;
  temperature?: number;
  /** A forced tool (structured output, as completeStructured): the result carries its input. */
  tool?: { name: string; description?: string; inputSchema: { type: "object"; [key: string]: unknown } };
};

export type AiBatch = {
  id: string;
  status: "in_progress" | "canceling" | "ended";
  counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  createdAt: string;
  endedAt: string | null;
  expiresAt: string;
  resultsAvailable: boolean;
};

export type AiBatchResult =
  | {
      customId: string;
      type: "succeeded";
      text: string;
      /** The forced tool's input, unparsed (the caller parses it with its zod schema); null without one. */
      toolInput: unknown;
      usage: AiUsage;
      model: string;
    }
  | { customId: string; type: "errored"; errorType: string }
  | { customId: string; type: "canceled" | "expired" };

type SdkBatch = {
  id: string;
  processing_status: AiBatch["status"];
  request_counts: AiBatch["counts"];
  created_at: string;
  ended_at: string | null;
  expires_at: string;
  results_url: string | null;
};

function toBatch(b: SdkBatch): AiBatch {
  return {
    id: b.id,
    status: b.processing_status,
    counts: { ...b.request_counts },
    createdAt: b.created_at,
    endedAt: b.ended_at,
    expiresAt: b.expires_at,
    resultsAvailable: b.results_url !== null,
  };
}

export function createBatch(input: {
  feature: AiFeature;
  model?: string;
  requests: AiBatchRequest[];
  signal?: AbortSignal;
}): Promise<AiBatch> {
  return withAiFeature(input.feature, async () => {
    const { client, config } = aiClient();
    const model = resolveModel(input.feature, input.model);
    const requests = input.requests.map((r) => ({
      custom_id: r.customId,
      params: {
        ...messageParams({ ...r, feature: input.feature }, model),
        ...(r.tool
          ? {
              tools: [
                {
                  name: r.tool.name,
                  input_schema: r.tool.inputSchema,
                  ...(r.tool.description ? { description: r.tool.description } : {}),
                },
              ],
              tool_choice: { type: "tool" as const, name: r.tool.name },
            }
          : {}),
      },
    }));
    const batch = await withRetries(() => client.messages.batches.create({ requests }, { signal: input.signal }), {
      maxRetries: config.maxRetries,
      signal: input.signal,
    });
    return toBatch(batch);
  });
}

export function retrieveBatch(feature: AiFeature, id: string, signal?: AbortSignal): Promise<AiBatch> {
  return withAiFeature(feature, async () => {
    const { client, config } = aiClient();
    const batch = await withRetries(() => client.messages.batches.retrieve(id, {}, { signal }), {
      maxRetries: config.maxRetries,
      signal,
    });
    return toBatch(batch);
  });
}

/** One page, newest first; pass the page's lastId as afterId for the next one. */
export function listBatches(
  feature: AiFeature,
  opts: { limit?: number; afterId?: string; signal?: AbortSignal } = {},
): Promise<{ batches: AiBatch[]; hasMore: boolean; lastId: string | null }> {
  return withAiFeature(feature, async () => {
    const { client, config } = aiClient();
    const page = await withRetries(
      () =>
        client.messages.batches.list(
          { limit: opts.limit ?? 20, ...(opts.afterId ? { after_id: opts.afterId } : {}) },
          { signal: opts.signal },
        ),
      { maxRetries: config.maxRetries, signal: opts.signal },
    );
    return { batches: page.data.map(toBatch), hasMore: page.has_more, lastId: page.last_id };
  });
}

export function cancelBatch(feature: AiFeature, id: string, signal?: AbortSignal): Promise<AiBatch> {
  return withAiFeature(feature, async () => {
    const { client, config } = aiClient();
    const batch = await withRetries(() => client.messages.batches.cancel(id, {}, { signal }), {
      maxRetries: config.maxRetries,
      signal,
    });
    return toBatch(batch);
  });
}

/** Every result of an ended batch (in no particular order: match them by customId). */
export function batchResults(feature: AiFeature, id: string, signal?: AbortSignal): Promise<AiBatchResult[]> {
  return withAiFeature(feature, async () => {
    const { client, config } = aiClient();
    return withRetries(
      async () => {
        const decoder = await client.messages.batches.results(id, {}, { signal });
        const out: AiBatchResult[] = [];
        try {
          for await (const line of decoder) {
            const r = line.result;
            if (r.type === "succeeded") {
              const text = r.message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
              const tool = r.message.content.find((b) => b.type === "tool_use");
              out.push({
                customId: line.custom_id,
                type: "succeeded",
                text,
                toolInput: tool && tool.type === "tool_use" ? tool.input : null,
                usage: usageFromSdk(r.message.usage),
                model: r.message.model,
              });
            } else if (r.type === "errored") {
              out.push({ customId: line.custom_id, type: "errored", errorType: r.error?.error?.type ?? "api_error" });
            } else {
              out.push({ customId: line.custom_id, type: r.type });
            }
          }
        } catch (err) {
          throw providerError(err);
        }
        return out;
      },
      { maxRetries: config.maxRetries, signal },
    );
  });
}
