import { decodeAiFrames, encodeAiFrame, type AiStreamFrame } from "@/lib/ai/stream/protocol";

const usage = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0 };

describe("AI stream frames", () => {
  it("round-trips every frame kind, including text with newlines and quotes", () => {
    const frames: AiStreamFrame[] = [
      { event: "text", data: { text: 'line one\nline "two"\n\n' } },
      { event: "done", data: { outcome: "cancelled", creditsUsed: 4, balance: 96, usage } },
      {
        event: "error",
        data: { error: { code: "EXTERNAL_SERVICE_ERROR", message: "down" }, creditsUsed: 1, balance: null },
      },
    ];
    const { frames: decoded, rest } = decodeAiFrames(frames.map(encodeAiFrame).join(""));
    expect(decoded).toEqual(frames);
    expect(rest).toBe("");
  });

  it("keeps an unfinished frame for the next chunk, whatever byte it was cut at", () => {
    const wire =
      encodeAiFrame({ event: "text", data: { text: "héllo" } }) + encodeAiFrame({ event: "text", data: { text: "!" } });
    for (let cut = 0; cut <= wire.length; cut++) {
      const first = decodeAiFrames(wire.slice(0, cut));
      const second = decodeAiFrames(first.rest + wire.slice(cut));
      expect([...first.frames, ...second.frames].map((f) => (f.data as { text: string }).text)).toEqual(["héllo", "!"]);
    }
  });

  it("skips heartbeats, unknown events and frames that are not JSON", () => {
    const wire =
      ': heartbeat\n\nevent: ping\ndata: {}\n\nevent: text\ndata: not json\n\nevent: text\r\ndata: {"text":"ok"}\r\n\r\n';
    expect(decodeAiFrames(wire).frames).toEqual([{ event: "text", data: { text: "ok" } }]);
  });
});
