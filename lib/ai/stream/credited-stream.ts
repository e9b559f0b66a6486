// One streamed AI answer that a tenant pays for, from the reservation to the settle: what every
// streamed feature (case summary, reply draft) does the same way, so none of them can forget a
// step. Order: reserve the most the call can cost (402 / 429 before the provider is called) →
// start the provider stream (a failure before the first byte releases the hold) →
// aiStreamResponse, which settles exactly once (produced tokens on cancel, final usage on
// completion, refund-minus-use on error) and names where the charge can be read
// (x-civitas-charge-url, for the panel after a cancel) → the feature's own afterSettle (store
// the summary, write its audit event) before the final frame.
// afterSettle runs inside ReadableStream callbacks, after the route handler returned: the
// request context (actor, request id for audit and usage rows) is carried over with a snapshot.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import type { AiFeature } from "@/lib/ai/features";
import { streamText } from "@/lib/ai/provider";
import type { AiMessage } from "@/lib/ai/provider/types";
import type { GuardedContext } from "@/lib/auth/guard";
import { releaseReservation, reserveCredits, settleReservation, type SettleResult } from "@/lib/credits";
import { chargeUrl } from "@/lib/credits/read-reservation-charge";
import { maxInputTokensFor } from "@/lib/ai/token-estimate";
import { CHARGE_URL_HEADER } from "./protocol";
import { aiStreamResponse, type AiStreamOutcome } from "./server";

/** The per-feature settings the stream needs (every feature's config has them). */
export type CreditedStreamConfig = {
  model: string;
  maxTokens: number;
  temperature: number;
  monthlyCreditLimit?: number | null;
  perUserMonthlyCreditLimit?: number | null;
};

export type AfterSettle = (done: {
  outcome: AiStreamOutcome;
  settled: SettleResult;
  /** Everything streamed to the client. */
  text: string;
  /** The model that answered (the provider's name for it). */
  model: string;
}) => Promise<void>;

export async function creditedAiStream(
  ctx: GuardedContext,
  input: {
    feature: AiFeature;
    config: CreditedStreamConfig;
    system: string;
    messages: AiMessage[];
    signal?: AbortSignal;
    afterSettle?: AfterSettle;
  },
): Promise<Response> {
  const { feature, config } = input;
  const reservation = await reserveCredits(ctx, {
    feature,
    model: config.model,
    maxInputTokens: maxInputTokensFor(input.system, input.messages),
    maxOutputTokens: config.maxTokens,
    limits: { tenantMonthly: config.monthlyCreditLimit, userMonthly: config.perUserMonthlyCreditLimit },
  });
  const started = performance.now();
  let upstream: ReturnType<typeof streamText>;
  try {
    upstream = streamText({
      feature,
      model: config.model,
      system: input.system,
      messages: input.messages,
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
    usageSoFar: () => upstream.usageSoFar(),
    abort: () => upstream.abort(),
    async *[Symbol.asyncIterator]() {
      for await (const delta of upstream) {
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
        await input.afterSettle?.({ outcome, settled, text, model: upstream.model });
        return { creditsUsed: Number(settled.creditsUsed), balance: Number(settled.balance) };
      }),
  });
}
