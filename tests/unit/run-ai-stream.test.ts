// runAiStream (the fetch loop behind useAiStream) against real Response objects: frames split at
// odd byte boundaries, a JSON error response (402 with billingUrl), a body cut before `done`,
// and cancel (abort) which stops the fetch without reporting an error.
import { aiStreamReducer, initialAiStreamState, type AiStreamAction } from "@/components/ai/ai-stream-reducer";
import { runAiStream } from "@/components/ai/run-ai-stream";
import { encodeAiFrame } from "@/lib/ai/stream/protocol";

const usage = { inputTokens: 1, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 };

function sse(chunks: string[]): Response {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(b);
        controller.close();
      },
    }),
    { status: 200, headers: { "content-type": "text/event-stream" } },
  );
}

async function play(response: Response | (() => Promise<Response>), signal = new AbortController().signal) {
  const actions: AiStreamAction[] = [];
  let seen: RequestInit | undefined;
  await runAiStream({
    url: "/api/x",
    body: { a: 1 },
    run: 1,
    signal,
    dispatch: (a) => actions.push(a),
    fetchImpl: (async (_url: string, init: RequestInit) => {
      seen = init;
      return typeof response === "function" ? response() : response;
    }) as typeof fetch,
  });
  const state = actions.reduce(aiStreamReducer, aiStreamReducer(initialAiStreamState, { type: "start", run: 1 }));
  return { actions, state, seen };
}

describe("runAiStream", () => {
  it("POSTs JSON and decodes frames split at every few bytes", async () => {
    const wire =
      encodeAiFrame({ event: "text", data: { text: "Héllo " } }) +
      encodeAiFrame({ event: "text", data: { text: "wörld" } }) +
      encodeAiFrame({ event: "done", data: { outcome: "ok", creditsUsed: 4, balance: 96, usage } });
    const pieces = wire.match(/[\s\S]{1,3}/g) ?? [];
    const { state, seen } = await play(sse(pieces));
    expect(seen?.method).toBe("POST");
    expect(seen?.body).toBe('{"a":1}');
    expect(state).toMatchObject({ status: "done", text: "Héllo wörld", creditsUsed: 4, balance: 96 });
  });

  it("a 402 JSON error keeps the billing link", async () => {
    const res = Response.json(
      { error: { code: "PAYMENT_REQUIRED", message: "Out of credits", details: { billingUrl: "/acme/billing" } } },
      { status: 402 },
    );
    const { state } = await play(res);
    expect(state).toMatchObject({
      status: "error",
      error: { code: "PAYMENT_REQUIRED", message: "Out of credits", details: { billingUrl: "/acme/billing" } },
    });
  });

  it("a non-JSON error body still gives a message", async () => {
    const { state } = await play(new Response("<html>bad gateway</html>", { status: 502 }));
    expect(state).toMatchObject({ status: "error", error: { code: "HTTP_502" } });
  });

  it("a body cut before done keeps the text and reports the interruption", async () => {
    const { state } = await play(sse([encodeAiFrame({ event: "text", data: { text: "Part" } }), "event: te"]));
    expect(state).toMatchObject({ status: "error", text: "Part", error: { code: "STREAM_INTERRUPTED" } });
  });

  it("an aborted fetch (cancel) reports nothing", async () => {
    const abort = new AbortController();
    abort.abort();
    const { actions } = await play(async () => {
      throw new DOMException("The operation was aborted.", "AbortError");
    }, abort.signal);
    expect(actions).toEqual([]);
  });

  it("a network failure is an error with a message", async () => {
    const { state } = await play(async () => {
      throw new TypeError("fetch failed");
    });
    expect(state).toMatchObject({
      status: "error",
      error: { code: "NETWORK_ERROR", message: "Network error: fetch failed" },
    });
  });
});
