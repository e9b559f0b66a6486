// Streaming: streamText against the local wire server (deltas, retries before the first byte,
// an error event mid-stream, abort closing the socket), and aiStreamResponse (pull-based body,
// settle exactly once, cancel aborting upstream) with scripted sources and with the real one.
import { performance } from "node:perf_hooks";
import { AppError, ExternalServiceError } from "@/lib/errors";
import { AiCallAbortedError, streamText } from "@/lib/ai/provider";
import { aiStreamResponse, type AiStreamSettleInput, type AiStreamSource } from "@/lib/ai/stream/server";
import { decodeAiFrames, type AiStreamFrame } from "@/lib/ai/stream/protocol";
import { withAnthropicServer } from "../support/anthropic-env";

const server = withAnthropicServer();
const ask = {
  feature: "case_summary" as const,
  messages: [{ role: "user" as const, content: "Summarise" }],
  maxTokens: 500,
};
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `);

async function collect(s: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const d of s) out.push(d);
  return out;
}

describe("streamText", () => {
  test("yields the text deltas in order, then the provider's usage", async () => {
    server().script({ kind: "text", chunks: ["Hel", "lo ", "world"], usage: { input: 20, output: 4 } });
    const s = streamText(ask);
    expect(await collect(s)).toEqual(["Hel", "lo ", "world"]);
    expect(await s.finalUsage()).toEqual({ inputTokens: 20, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(s.usageSoFar().outputTokens).toBe(4);
    expect((server().requests[0]!.body as { stream: boolean }).stream).toBe(true);
  });

  test("a 529 before the stream starts is retried", async () => {
    server().script({ kind: "error", status: 529, retryAfterMs: 5 }, { kind: "text", chunks: ["ok"] });
    expect(await collect(streamText(ask))).toEqual(["ok"]);
    expect(server().requests).toHaveLength(2);
  });

  test("an error event mid-stream ends the reading with an ExternalServiceError after the text already sent, not retried", async () => {
    server().script({ kind: "stream-error", chunks: ["partial ", "answer"], message: "provider internals" });
    const s = streamText(ask);
    const got: string[] = [];
    const err = await (async () => {
      for await (const d of s) got.push(d);
    })().catch((e: unknown) => e);
    expect(got).toEqual(["partial ", "answer"]);
    expect(err).toBeInstanceOf(ExternalServiceError);
    expect((err as Error).message).not.toMatch(/provider internals/);
    await expect(s.finalUsage()).rejects.toBe(err);
    expect(s.usageSoFar().outputTokens).toBe(Math.ceil("partial answer".length / 4));
    expect(server().requests).toHaveLength(1);
  });

  test("abort() closes the upstream socket at once (measured) and the reader learns it was cancelled", async () => {
    // The first abort in a process loads and compiles the abort paths: ~25 ms under plain Node,
    // 20-105 ms under Jest, which also transforms modules on first use. The second is the
    // steady state (2.5-9 ms; `npm run bench` ai-cancel measures 50 runs).
    const once = async () => {
      server().reset();
      server().script({ kind: "text", chunks: words(200), delayMs: 10 });
      const s = streamText(ask);
      const it = s[Symbol.asyncIterator]();
      expect((await it.next()).value).toBe("word0 ");
      expect((await it.next()).value).toBe("word1 ");
      const req = await server().nextRequest(1);
      const t0 = performance.now();
      s.abort();
      const ms = (await req.clientClosed) - t0;
      await expect(it.next()).rejects.toBeInstanceOf(AiCallAbortedError);
      await expect(s.finalUsage()).rejects.toBeInstanceOf(AiCallAbortedError);
      expect(s.usageSoFar().outputTokens).toBeGreaterThan(0);
      expect(s.usageSoFar().outputTokens).toBeLessThan(Math.ceil(words(200).join("").length / 4));
      return ms;
    };
    const first = await once();
    const ms = await once();
    process.stdout.write(
      `[ai-stream] abort() → wire server saw the socket close after ${ms.toFixed(1)} ms (first abort in the process: ${first.toFixed(1)} ms)\n`,
    );
    expect(ms).toBeLessThan(100);
  });

  test("the caller's signal aborts a request the provider never answers", async () => {
    server().script({ kind: "hang" });
    const controller = new AbortController();
    const s = streamText({ ...ask, signal: controller.signal });
    const reading = collect(s).catch((e: unknown) => e);
    const req = await server().nextRequest(1);
    controller.abort();
    await req.clientClosed;
    expect(await reading).toBeInstanceOf(AiCallAbortedError);
    expect(s.usageSoFar()).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });
});

/** A scripted upstream: counts reads, fails after `failAfter` deltas when asked. */
function fakeSource(chunks: string[], opts: { fail?: unknown; failAfter?: number } = {}) {
  const state = { pulled: 0, aborted: 0, delivered: 0 };
  const source: AiStreamSource = {
    usageSoFar: () => ({ inputTokens: 10, outputTokens: state.delivered, cacheReadTokens: 0, cacheWriteTokens: 0 }),
    abort: () => void state.aborted++,
    [Symbol.asyncIterator]: () => ({
      async next() {
        state.pulled++;
        if (state.aborted) throw new AiCallAbortedError();
        if (opts.fail !== undefined && state.delivered === (opts.failAfter ?? 0)) throw opts.fail;
        if (state.delivered >= chunks.length) return { done: true, value: undefined };
        return { done: false, value: chunks[state.delivered++]! };
      },
    }),
  };
  return { source, state };
}

function settleSpy(result = { creditsUsed: 3, balance: 97 }) {
  const calls: AiStreamSettleInput[] = [];
  return { calls, settle: async (input: AiStreamSettleInput) => (calls.push(input), result) };
}

async function readAll(res: Response): Promise<AiStreamFrame[]> {
  const text = await res.text();
  return decodeAiFrames(text).frames;
}

/** Reads frames one at a time from a Response body. */
function frameReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const pending: AiStreamFrame[] = [];
  return {
    reader,
    async next(): Promise<AiStreamFrame | null> {
      while (pending.length === 0) {
        const { done, value } = await reader.read();
        if (done) return null;
        const r = decodeAiFrames(buffer + decoder.decode(value, { stream: true }));
        buffer = r.rest;
        pending.push(...r.frames);
      }
      return pending.shift()!;
    },
  };
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe("aiStreamResponse", () => {
  test("sends text frames, then settles once and sends done with its credits and the usage", async () => {
    const { source } = fakeSource(["a", "b", "c"]);
    const spy = settleSpy();
    const res = aiStreamResponse({ stream: source, settle: spy.settle });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await readAll(res)).toEqual([
      { event: "text", data: { text: "a" } },
      { event: "text", data: { text: "b" } },
      { event: "text", data: { text: "c" } },
      {
        event: "done",
        data: {
          outcome: "ok",
          creditsUsed: 3,
          balance: 97,
          usage: { inputTokens: 10, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0 },
        },
      },
    ]);
    expect(spy.calls).toEqual([{ outcome: "ok", usage: expect.objectContaining({ outputTokens: 3 }) }]);
  });

  test("is pull-based: upstream is not read ahead of the client", async () => {
    const { source, state } = fakeSource(words(100));
    const res = aiStreamResponse({ stream: source, settle: settleSpy().settle });
    await tick();
    expect(state.pulled).toBe(0);
    const r = frameReader(res);
    await r.next();
    await tick();
    expect(state.pulled).toBe(1);
    await r.next();
    await r.next();
    await tick();
    expect(state.pulled).toBe(3);
    await r.reader.cancel();
  });

  test("client cancel aborts upstream at once and settles once, with the usage produced so far", async () => {
    const { source, state } = fakeSource(words(100));
    const spy = settleSpy();
    const r = frameReader(aiStreamResponse({ stream: source, settle: spy.settle }));
    await r.next();
    await r.next();
    await r.reader.cancel();
    await tick();
    expect(state.aborted).toBe(1);
    expect(spy.calls).toEqual([{ outcome: "cancelled", usage: expect.objectContaining({ outputTokens: 2 }) }]);
  });

  test("cancel before anything was read still settles once (nothing produced)", async () => {
    const { source, state } = fakeSource(words(5));
    const spy = settleSpy();
    await aiStreamResponse({ stream: source, settle: spy.settle }).body!.cancel();
    expect(state.aborted).toBe(1);
    expect(spy.calls).toEqual([{ outcome: "cancelled", usage: expect.objectContaining({ outputTokens: 0 }) }]);
  });

  test("an upstream error mid-stream becomes an error frame after the text already sent", async () => {
    const fail = new ExternalServiceError("The AI provider stopped the answer with an error. Try again.");
    const { source } = fakeSource(["one ", "two ", "three"], { fail, failAfter: 2 });
    const spy = settleSpy({ creditsUsed: 1, balance: 99 });
    expect(await readAll(aiStreamResponse({ stream: source, settle: spy.settle }))).toEqual([
      { event: "text", data: { text: "one " } },
      { event: "text", data: { text: "two " } },
      {
        event: "error",
        data: { error: { code: "EXTERNAL_SERVICE_ERROR", message: fail.message }, creditsUsed: 1, balance: 99 },
      },
    ]);
    expect(spy.calls).toEqual([{ outcome: "error", error: fail, usage: expect.objectContaining({ outputTokens: 2 }) }]);
  });

  test("an error that is not an AppError is shown generically", async () => {
    const { source } = fakeSource(["x"], { fail: new TypeError("secret internals"), failAfter: 1 });
    const frames = await readAll(aiStreamResponse({ stream: source, settle: settleSpy().settle }));
    expect(frames.at(-1)).toEqual({
      event: "error",
      data: {
        error: { code: "INTERNAL_ERROR", message: expect.not.stringMatching(/secret/) },
        creditsUsed: 3,
        balance: 97,
      },
    });
  });

  test("a failing settle ends the stream with an error frame, and is not called again on cancel", async () => {
    const { source } = fakeSource(["x"]);
    let calls = 0;
    const res = aiStreamResponse({
      stream: source,
      settle: async () => {
        calls++;
        throw new AppError("ledger unavailable");
      },
    });
    const frames = await readAll(res);
    expect(frames.at(-1)).toMatchObject({
      event: "error",
      data: { error: { code: "INTERNAL_ERROR" }, creditsUsed: 0, balance: null },
    });
    expect(calls).toBe(1);
  });

  test("a cancel after the done frame does not settle again", async () => {
    const { source } = fakeSource(["a"]);
    const spy = settleSpy();
    const r = frameReader(aiStreamResponse({ stream: source, settle: spy.settle }));
    while ((await r.next())?.event !== "done");
    await r.reader.cancel();
    expect(spy.calls.map((c) => c.outcome)).toEqual(["ok"]);
  });

  test("an upstream aborted by the server (not the client) ends with done: cancelled", async () => {
    const { source, state } = fakeSource(words(10));
    const spy = settleSpy();
    const r = frameReader(aiStreamResponse({ stream: source, settle: spy.settle }));
    await r.next();
    source.abort();
    const rest: AiStreamFrame[] = [];
    for (let f = await r.next(); f; f = await r.next()) rest.push(f);
    expect(rest).toEqual([{ event: "done", data: expect.objectContaining({ outcome: "cancelled" }) }]);
    expect(state.aborted).toBe(1);
    expect(spy.calls.map((c) => c.outcome)).toEqual(["cancelled"]);
  });

  test("end to end: the client cancels the response → the wire server sees the socket close, partial usage settled", async () => {
    server().script({ kind: "text", chunks: words(300), delayMs: 5, usage: { input: 50, output: 300 } });
    const spy = settleSpy();
    const r = frameReader(aiStreamResponse({ stream: streamText(ask), settle: spy.settle }));
    for (let i = 0; i < 5; i++) expect((await r.next())?.event).toBe("text");
    const req = await server().nextRequest(1);
    const t0 = performance.now();
    await r.reader.cancel();
    const ms = (await req.clientClosed) - t0;
    process.stdout.write(`[ai-stream] client cancel → wire server saw the socket close after ${ms.toFixed(1)} ms\n`);
    expect(ms).toBeLessThan(100);
    expect(spy.calls).toHaveLength(1);
    expect(spy.calls[0]!.outcome).toBe("cancelled");
    expect(spy.calls[0]!.usage.inputTokens).toBe(50);
    expect(spy.calls[0]!.usage.outputTokens).toBeGreaterThan(0);
    expect(spy.calls[0]!.usage.outputTokens).toBeLessThan(300);
  });

  test("end to end: a 529 that persists ends with an error frame and settle(error) with no tokens", async () => {
    server().script(
      ...Array.from({ length: 4 }, () => ({ kind: "error" as const, status: 529 as const, retryAfterMs: 1 })),
    );
    const spy = settleSpy({ creditsUsed: 0, balance: 100 });
    const frames = await readAll(aiStreamResponse({ stream: streamText(ask), settle: spy.settle }));
    expect(frames).toEqual([
      {
        event: "error",
        data: { error: { code: "EXTERNAL_SERVICE_ERROR", message: expect.any(String) }, creditsUsed: 0, balance: 100 },
      },
    ]);
    expect(spy.calls).toEqual([
      {
        outcome: "error",
        error: expect.any(ExternalServiceError),
        usage: expect.objectContaining({ inputTokens: 0, outputTokens: 0 }),
      },
    ]);
  });
});
