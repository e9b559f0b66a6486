// One structured AI answer (a forced tool, parsed with its zod schema) that a tenant pays for:
// reserve the most it can cost — the forced tool's definition is input too, with the provider's
// tool-use preamble — call, settle to the tokens used. A reply of the wrong shape was still
// produced: the hold settles to its tokens and the AiReplyShapeError goes on to the caller.
// Shared by classification and intake so neither prices its call differently.
import "server-only";
import type { z } from "zod";
import { completeStructured } from "@/lib/ai/provider";
import { toolInputSchema, type AiStructuredResult } from "@/lib/ai/provider/complete-structured";
import { AiReplyShapeError } from "@/lib/ai/provider/errors";
import type { AiFeature } from "@/lib/ai/features";
import type { AiMessage } from "@/lib/ai/provider/types";
import { withAiCredits, type SettleResult } from "@/lib/credits";
import type { CreditContext } from "@/lib/credits/reserve-credits";
import { maxInputTokensFor } from "./token-estimate";
import type { CreditedStreamConfig } from "./stream/credited-stream";

/** Tokens the provider adds around a forced tool (its preamble), on top of the schema's text. */
const TOOL_PREAMBLE_TOKENS = 400;

export async function creditedStructuredCall<S extends z.ZodType>(
  ctx: CreditContext,
  input: {
    feature: AiFeature;
    config: CreditedStreamConfig;
    system: string;
    messages: AiMessage[];
    schema: S;
    toolName: string;
    toolDescription: string;
  },
): Promise<{ value: AiStructuredResult<z.infer<S>>; settled: SettleResult }> {
  const { feature, config } = input;
  const toolChars = JSON.stringify(toolInputSchema(input.schema)).length;
  return withAiCredits(
    ctx,
    {
      feature,
      model: config.model,
      maxInputTokens: maxInputTokensFor(input.system, input.messages, toolChars) + TOOL_PREAMBLE_TOKENS,
      maxOutputTokens: config.maxTokens,
      limits: { tenantMonthly: config.monthlyCreditLimit, userMonthly: config.perUserMonthlyCreditLimit },
    },
    async (meter) => {
      try {
        const result = await completeStructured({
          feature,
          model: config.model,
          system: input.system,
          messages: input.messages,
          maxTokens: config.maxTokens,
          temperature: config.temperature,
          schema: input.schema,
          toolName: input.toolName,
          toolDescription: input.toolDescription,
        });
        meter.record(result.usage, result.model);
        return result;
      } catch (err) {
        if (err instanceof AiReplyShapeError) meter.record(err.usage);
        throw err;
      }
    },
  );
}
