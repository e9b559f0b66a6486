// An AI answer streamed to the browser as protocol.ts frames. The body is pull-based
// (highWaterMark 0): the upstream stream is read one delta at a time, only when the client
// has taken the previous frame, so a slow reader slows the provider down instead of filling
// our memory. When the client goes away (cancel: closed tab, stop button) the upstream call is
// aborted at once and the tokens produced so far are settled; an upstream error mid-stream
// becomes an `error` frame after the text already sent, which stays valid.
//
// settle() (credits: reserve → settle/refund, lib/credits) is called exactly once per stream,
// whatever happens: before the final `done`/`error` frame, whose creditsUsed/balance it gives,
// or on cancel, with the usage produced so far.
import "server-only";
import { performance } from "node:perf_hooks";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { AiCallAbortedError } from "@/lib/ai/provider/errors";
import { AI_STREAM_CONTENT_TYPE, encodeAiFrame, type AiStreamFrame, type AiStreamUsage } from "./protocol";

/** What aiStreamResponse reads: streamText()'s result, or anything shaped like it. */
export type AiStreamSource = AsyncIterable<string> & {
  usageSoFar(): AiStreamUsage;
  abort(): void;
};

export type AiStreamOutcome = "ok" | "cancelled" | "error";

export type AiStreamSettleInput = { outcome: AiStreamOutcome; usage: AiStreamUsage; error?: unknown };
export type AiStreamSettlement = { creditsUsed: number; balance: number | null };

const FLUSH_EVERY_MS = 2;

const GENERIC = { code: "INTERNAL_ERROR", message: "Something went wrong on our side. Try again." };

/** What the client may see of an error; internals are logged (unless already logged) and replaced. */
function errorShown(err: unknown, logged = false): { code: string; message: string } {
  if (err instanceof AppError && err.status !== 500) return { code: err.code, message: err.message };
  if (!logged) logger.error({ err }, "AI stream failed");
  return GENERIC;
}

export function aiStreamResponse(opts: {
  stream: AiStreamSource;
  settle: (input: AiStreamSettleInput) => Promise<AiStreamSettlement> | AiStreamSettlement;
  headers?: HeadersInit;
  /** Frames sent before the first text (the chat's rows); the stream is not read until they are. */
  prelude?: AiStreamFrame[];
}): Response {
  const { stream } = opts;
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<string> | undefined;
  let cancelled = false;
  let settlement: Promise<AiStreamSettlement> | undefined;
  let framesSent = 0;
  let lastYield = performance.now();

  /** The one settle call; later callers share its result. A failing settle is logged, never retried. */
  const settleOnce = (input: AiStreamSettleInput) =>
    (settlement ??= Promise.resolve()
      .then(() => opts.settle(input))
      .catch((err: unknown) => {
        logger.error({ err, outcome: input.outcome }, "AI stream settle failed");
        throw err;
      }));

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const send = (frame: AiStreamFrame) => controller.enqueue(encoder.encode(encodeAiFrame(frame)));
        const finish = async (outcome: AiStreamOutcome, error?: unknown) => {
          const usage = stream.usageSoFar();
          let s: AiStreamSettlement;
          try {
            s = await settleOnce({ outcome, usage, ...(error !== undefined ? { error } : {}) });
          } catch (settleError) {
            if (cancelled) return;
            send({ event: "error", data: { error: errorShown(settleError, true), creditsUsed: 0, balance: null } });
            return controller.close();
          }
          if (cancelled) return;
          if (outcome === "error") send({ event: "error", data: { error: errorShown(error), ...s } });
          else send({ event: "done", data: { outcome, ...s, usage } });
          controller.close();
        };

        // When upstream deltas arrive in a burst, every read resolves at once and the whole
        // burst runs as one chain of promise callbacks: Node's HTTP response only uncorks its
        // socket on the next tick, after that chain, so the client would get the first token
        // with the last. Giving the event loop a turn after the first frame and then at least
        // every FLUSH_EVERY_MS sends text as it comes (`npm run bench` ai-stream, one process:
        // first token +10.5 ms over the SDK alone without this, +4.5 ms with it).
        if (framesSent === 1 || (framesSent > 1 && performance.now() - lastYield >= FLUSH_EVERY_MS)) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
          if (cancelled) return;
        }
        if (!iterator && opts.prelude?.length) {
          for (const frame of opts.prelude) send(frame);
          opts.prelude = undefined;
          return;
        }
        iterator ??= stream[Symbol.asyncIterator]();
        let next: IteratorResult<string>;
        try {
          next = await iterator.next();
        } catch (err) {
          if (cancelled) return;
          return finish(
            err instanceof AiCallAbortedError ? "cancelled" : "error",
            err instanceof AiCallAbortedError ? undefined : err,
          );
        }
        if (cancelled) return;
        if (next.done) return finish("ok");
        if (next.value !== "") {
          send({ event: "text", data: { text: next.value } });
          framesSent++;
        }
      },
      async cancel() {
        cancelled = true;
        stream.abort();
        await settleOnce({ outcome: "cancelled", usage: stream.usageSoFar() }).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );

  return new Response(body, {
    status: 200,
    headers: {
      "content-type": AI_STREAM_CONTENT_TYPE,
      "cache-control": "no-cache, no-transform",
      // Proxies (nginx) must pass each frame on as it comes.
      "x-accel-buffering": "no",
      ...Object.fromEntries(new Headers(opts.headers).entries()),
    },
  });
}
