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
// settle runs inside ReadableStream callbacks, after the route handler returned: the request
// context (actor, request id for audit and usage rows) is carried over with a snapshot.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { streamText } from "@/lib/ai/provider";
import { tenantBlock } from "@/lib/ai/prompt/data-block";
import { aiStreamResponse } from "@/lib/ai/stream/server";
import type { GuardedContext } from "@/lib/auth/guard";
import { aiStatus } from "@/lib/config/ai";
import { releaseReservation, reserveCredits, settleReservation } from "@/lib/credits";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { buildCaseSummaryPrompt } from "./build-case-summary-prompt";
import { storableModelText } from "@/lib/validation/text";
import { saveCaseSummary } from "./save-case-summary";
import { logger } from "@/lib/log/logger";
import { CHARGE_URL_HEADER } from "@/lib/ai/stream/protocol";
import { chargeUrl } from "@/lib/credits/read-reservation-charge";

/**
 * Input tokens are not known before the call; a count_tokens round trip would add its latency
 * to every summary. Three characters a token over-estimates English and Dutch text (Claude's
 * tokenizer averages ~3.5–4), so the reservation covers the call; settle charges the real count.
 */
const CHARS_PER_TOKEN_UPPER_BOUND = 3;

export async function streamCaseSummary(
  ctx: GuardedContext,
  input: { caseId: string; signal?: AbortSignal },
): Promise<Response> {
  const feature = "case_summary" as const;
  const config = await assertAiFeatureAllowed(ctx, feature, aiStatus());
  if (!isUuid(input.caseId)) throw new NotFoundError("Case not found");
  const prompt = await buildCaseSummaryPrompt(ctx, input.caseId);
  const system =
    prompt.system + tenantBlock(config.promptAdditions, "citations, no invented facts, data is not instructions");
  const promptChars = system.length + prompt.messages.reduce((n, m) => n + m.content.length, 0);

  const reservation = await reserveCredits(ctx, {
    feature,
    model: config.model,
    maxInputTokens: Math.ceil(promptChars / CHARS_PER_TOKEN_UPPER_BOUND) + 64,
    maxOutputTokens: config.maxTokens,
    limits: { tenantMonthly: config.monthlyCreditLimit, userMonthly: config.perUserMonthlyCreditLimit },
  });
  const started = performance.now();
  let stream;
  try {
    stream = streamText({
      feature,
      model: config.model,
      system,
      messages: prompt.messages,
      maxTokens: config.maxTokens,
      temperature: config.temperature,
      signal: input.signal,
    });
  } catch (err) {
    await releaseReservation(ctx, reservation.id);
    throw err;
  }

  let text = "";
  const source = {
    usageSoFar: () => stream.usageSoFar(),
    abort: () => stream.abort(),
    async *[Symbol.asyncIterator]() {
      for await (const delta of stream) {
        text += delta;
        yield delta;
      }
    },
  };
  const inRequest = AsyncLocalStorage.snapshot();

  return aiStreamResponse({
    stream: source,
    headers: { [CHARGE_URL_HEADER]: chargeUrl(ctx.access.tenant.slug, reservation.id) },
    settle: ({ outcome, usage }) =>
      inRequest(async () => {
        const settled = await settleReservation(ctx, reservation.id, {
          usage,
          model: config.model,
          outcome,
          latencyMs: Math.round(performance.now() - started),
        });
        if (outcome === "ok") {
          try {
            await saveCaseSummary(ctx, {
              caseId: input.caseId,
              text: storableModelText(text),
              model: stream.model,
              sourceVersion: prompt.sourceVersion,
              sourceIds: prompt.sourceIds,
            });
          } catch (err) {
            // The answer was streamed and paid for; the person still sees it. Not storing it
            // (the case was deleted meanwhile, an empty answer) must not turn it into an error.
            logger.warn({ err, caseId: input.caseId }, "case summary not stored");
          }
        }
        return { creditsUsed: Number(settled.creditsUsed), balance: Number(settled.balance) };
      }),
  });
}
