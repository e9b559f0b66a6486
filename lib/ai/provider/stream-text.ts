// A streamed answer: text deltas as the provider sends them, the usage so far at any moment
// (what a cancelled stream is billed), the final usage, and abort(), which closes the
// upstream connection at once (measured: the wire server sees the socket close in ~2 ms,
// tests/integration/ai-provider-stream.test.ts and `npm run bench` ai-cancel).
//
// The request starts when streamText is called (so the first token is not delayed until the
// first read), with the retry policy of retry.ts for everything that fails before the first
// byte of the stream; once text has flowed nothing is retried (the partial answer stands and
// the error is the caller's to show). Reading is pull-based: an event is read from the
// connection only when the consumer asks for the next delta.
import "server-only";
import { withAiFeature } from "@/lib/ai/log-context";
import { ExternalServiceError } from "@/lib/errors";
import { aiClient, resolveModel } from "./client";
import { AiCallAbortedError, isAbort, providerError } from "./errors";
import { withRetries } from "./retry";
import { ZERO_USAGE, messageParams, usageFromSdk, type AiCallInput, type AiUsage } from "./types";

export type AiTextStream = AsyncIterable<string> & {
  model: string;
  /**
   * Tokens used up to now. The provider reports output tokens only at the end of a message, so
   * until then they are estimated from the text received (4 characters a token, rounded up):
   * what a cancelled stream is billed for.
   */
  usageSoFar(): AiUsage;
  /** Resolves with the provider's usage when the message is complete; rejects if it is not. */
  finalUsage(): Promise<AiUsage>;
  /** Stops the call and closes the upstream connection; further reads end with AiCallAbortedError. */
  abort(): void;
  readonly aborted: boolean;
};

export const CHARS_PER_TOKEN_ESTIMATE = 4;

/** Throws AiNotConfiguredError at once (before any request) when AI is not configured. */
export function streamText(input: AiCallInput): AiTextStream {
  const { client, config } = aiClient();
  const model = resolveModel(input.feature, input.model);
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  if (input.signal?.aborted) controller.abort();
  else input.signal?.addEventListener("abort", onOuterAbort, { once: true });

  let usage: AiUsage = { ...ZERO_USAGE };
  let textChars = 0;
  let finished = false;
  let resolveFinal!: (u: AiUsage) => void;
  let rejectFinal!: (e: unknown) => void;
  const final = new Promise<AiUsage>((res, rej) => {
    resolveFinal = res;
    rejectFinal = rej;
  });
  final.catch(() => {}); // read only by callers who care; never an unhandled rejection

  const started = withAiFeature(input.feature, () =>
    withRetries(
      () => client.messages.create({ ...messageParams(input, model), stream: true }, { signal: controller.signal }),
      { maxRetries: config.maxRetries, signal: controller.signal },
    ),
  );
  started.catch(() => {}); // surfaced by the first read

  async function* deltas(): AsyncGenerator<string, void, undefined> {
    let settled = false;
    try {
      let stream;
      try {
        stream = await started;
      } catch (err) {
        throw isAbort(err, controller.signal) ? new AiCallAbortedError() : providerError(err);
      }
      let stopped = false;
      try {
        for await (const event of stream) {
          if (event.type === "message_start") {
            usage = usageFromSdk(event.message.usage);
          } else if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
            textChars += event.delta.text.length;
            yield event.delta.text;
          } else if (event.type === "message_delta") {
            const u = event.usage;
            usage = {
              inputTokens: u.input_tokens ?? usage.inputTokens,
              outputTokens: u.output_tokens ?? usage.outputTokens,
              cacheReadTokens: u.cache_read_input_tokens ?? usage.cacheReadTokens,
              cacheWriteTokens: u.cache_creation_input_tokens ?? usage.cacheWriteTokens,
            };
          } else if (event.type === "message_stop") {
            stopped = true;
          }
        }
      } catch (err) {
        throw isAbort(err, controller.signal) ? new AiCallAbortedError() : providerError(err);
      }
      // The SDK ends an aborted stream quietly; the reader must learn it was cut short.
      if (controller.signal.aborted) throw new AiCallAbortedError();
      if (!stopped) throw new ExternalServiceError("The AI provider's answer was cut off. Try again.");
      finished = true;
      settled = true;
      resolveFinal(usage);
    } catch (err) {
      settled = true;
      rejectFinal(err);
      throw err;
    } finally {
      input.signal?.removeEventListener("abort", onOuterAbort);
      if (!settled) {
        // The consumer stopped reading (return()): that is a cancel.
        controller.abort();
        rejectFinal(new AiCallAbortedError());
      }
    }
  }

  let iterated = false;
  return {
    model,
    get aborted() {
      return controller.signal.aborted;
    },
    usageSoFar() {
      if (finished) return { ...usage };
      return { ...usage, outputTokens: Math.max(usage.outputTokens, Math.ceil(textChars / CHARS_PER_TOKEN_ESTIMATE)) };
    },
    finalUsage: () => final,
    abort() {
      controller.abort();
      if (!finished) rejectFinal(new AiCallAbortedError());
    },
    [Symbol.asyncIterator]() {
      if (iterated) throw new TypeError("an AI stream can be read once");
      iterated = true;
      const it = deltas();
      // Each read runs inside the feature's log context: lines logged while reading carry ai_feature.
      return {
        next: () => withAiFeature(input.feature, () => it.next()),
        return: (value?: unknown) => {
          controller.abort();
          if (!finished) rejectFinal(new AiCallAbortedError());
          return it.return(value as undefined);
        },
      };
    },
  };
}
