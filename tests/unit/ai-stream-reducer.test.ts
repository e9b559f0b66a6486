// The useAiStream state machine: start → text → done | error | cancel, partial text kept on
// error, HTTP error bodies (402 with billingUrl, 503 AI_NOT_CONFIGURED), stale runs ignored.
import {
  AI_NOT_CONFIGURED_MESSAGE,
  aiErrorFromBody,
  aiStreamReducer,
  initialAiStreamState,
  type AiStreamAction,
  type AiStreamState,
} from "@/components/ai/ai-stream-reducer";

const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 };
const run = (actions: AiStreamAction[], from: AiStreamState = initialAiStreamState) =>
  actions.reduce(aiStreamReducer, from);
const text = (r: number, t: string): AiStreamAction => ({
  type: "frame",
  run: r,
  frame: { event: "text", data: { text: t } },
});

describe("aiStreamReducer", () => {
  it("accumulates text and finishes with credits and balance", () => {
    const s = run([
      { type: "start", run: 1 },
      text(1, "Hello "),
      text(1, "world"),
      { type: "frame", run: 1, frame: { event: "done", data: { outcome: "ok", creditsUsed: 3, balance: 97, usage } } },
    ]);
    expect(s).toEqual({
      status: "done",
      run: 1,
      text: "Hello world",
      error: null,
      creditsUsed: 3,
      balance: 97,
      chargeUrl: null,
      chatResult: null,
    });
  });

  it("keeps the chat's rows from a chat_result frame next to the streamed answer", () => {
    const data = {
      conversationId: "c1",
      sql: "SELECT 1",
      ok: true,
      columns: ["n"],
      rows: [[1]],
      rowCount: 1,
      truncated: false,
    };
    const s = run([
      { type: "start", run: 1 },
      { type: "frame", run: 1, frame: { event: "chat_result", data } },
      text(1, "One"),
    ]);
    expect(s).toMatchObject({ status: "streaming", text: "One", chatResult: data });
    // A later run starts clean.
    expect(
      run([
        { type: "start", run: 1 },
        { type: "frame", run: 1, frame: { event: "chat_result", data } },
        { type: "start", run: 2 },
      ]).chatResult,
    ).toBeNull();
  });

  it("a done frame with outcome cancelled ends as cancelled", () => {
    const s = run([
      { type: "start", run: 1 },
      text(1, "Part"),
      {
        type: "frame",
        run: 1,
        frame: { event: "done", data: { outcome: "cancelled", creditsUsed: 1, balance: null, usage } },
      },
    ]);
    expect(s.status).toBe("cancelled");
    expect(s.creditsUsed).toBe(1);
  });

  it("keeps the partial text on a mid-stream error", () => {
    const s = run([
      { type: "start", run: 1 },
      text(1, "Half an answer"),
      {
        type: "frame",
        run: 1,
        frame: {
          event: "error",
          data: { error: { code: "UPSTREAM", message: "The model failed" }, creditsUsed: 2, balance: 5 },
        },
      },
    ]);
    expect(s).toMatchObject({
      status: "error",
      text: "Half an answer",
      error: { code: "UPSTREAM", message: "The model failed" },
      creditsUsed: 2,
    });
  });

  it("cancel keeps the text; frames after the cancel are ignored", () => {
    const s = run([{ type: "start", run: 1 }, text(1, "So far"), { type: "cancel", run: 1 }, text(1, " more")]);
    expect(s).toMatchObject({ status: "cancelled", text: "So far" });
  });

  it("a body that ends without done or error is an interruption", () => {
    const s = run([{ type: "start", run: 1 }, text(1, "x"), { type: "ended", run: 1 }]);
    expect(s).toMatchObject({ status: "error", text: "x", error: { code: "STREAM_INTERRUPTED" } });
  });

  it("a new start (retry) clears the previous run; late frames of the old run are ignored", () => {
    const s = run([
      { type: "start", run: 1 },
      text(1, "old"),
      { type: "start", run: 2 },
      text(1, "late"),
      text(2, "new"),
    ]);
    expect(s).toMatchObject({ status: "streaming", run: 2, text: "new", error: null, creditsUsed: null });
  });

  it("ignores actions when idle", () => {
    expect(run([text(0, "x"), { type: "cancel", run: 0 }])).toBe(initialAiStreamState);
  });

  it("an HTTP error becomes state.error", () => {
    const s = run([
      { type: "start", run: 1 },
      { type: "http_error", run: 1, error: { code: "NOT_FOUND", message: "Case not found" } },
    ]);
    expect(s).toMatchObject({ status: "error", error: { code: "NOT_FOUND", message: "Case not found" } });
  });
});

describe("aiErrorFromBody", () => {
  it("402 keeps details.billingUrl", () => {
    expect(
      aiErrorFromBody(402, {
        error: {
          code: "PAYMENT_REQUIRED",
          message: "Not enough credits",
          details: { billingUrl: "/acme/settings/billing" },
        },
      }),
    ).toEqual({
      code: "PAYMENT_REQUIRED",
      message: "Not enough credits",
      details: { billingUrl: "/acme/settings/billing" },
    });
  });

  it("503 AI_NOT_CONFIGURED says AI is not configured", () => {
    expect(aiErrorFromBody(503, { error: { code: "AI_NOT_CONFIGURED", message: "x" } })).toEqual({
      code: "AI_NOT_CONFIGURED",
      message: AI_NOT_CONFIGURED_MESSAGE,
    });
  });

  it("a body that is not the error shape still gives a message", () => {
    expect(aiErrorFromBody(500, null)).toEqual({ code: "HTTP_500", message: "The request failed. Try again." });
    expect(aiErrorFromBody(402, "nope")).toEqual({ code: "PAYMENT_REQUIRED", message: "Not enough credits" });
  });
});
