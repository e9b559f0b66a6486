// The wire format between an AI route handler and the browser: Server-Sent Events, one frame
// per event. Shared by the server (which encodes) and the client hook (which decodes), so it
// has no server-only imports. Kept apart from Anthropic's own SSE: the browser never sees the
// provider's frames, only what Civitas decided to pass on.
//
//   event: text   data: {"text":"…"}                       a piece of the answer, in order
//   event: done   data: {"outcome":"ok"|"cancelled", "creditsUsed":n, "balance":n|null, "usage":{…}}
//   event: error  data: {"error":{"code","message"}, "creditsUsed":n, "balance":n|null}
//   event: chat_result  data: ChatResultFrame            the chat's checked SQL and its rows,
//                                                         before the answer's text (issue 11)
//
// Exactly one `done` or `error` ends a stream. Text received before an `error` stays valid:
// the client keeps the partial answer and offers a retry.

export type AiStreamUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
};

/** The chat's query, sent before its answer: what the numbers in the prose come from. */
export type ChatResultFrame = {
  conversationId: string;
  /** The SQL that ran, or the last one the model tried when it was refused. */
  sql: string | null;
  ok: boolean;
  /** Why no SQL ran (guard refusal, time limit, PostgreSQL error), in words a person reads. */
  reason?: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
  rowCount: number;
  truncated: boolean;
};

export type AiStreamFrame =
  | { event: "text"; data: { text: string } }
  | { event: "chat_result"; data: ChatResultFrame }
  | {
      event: "done";
      data: { outcome: "ok" | "cancelled"; creditsUsed: number; balance: number | null; usage: AiStreamUsage };
    }
  | {
      event: "error";
      data: { error: { code: string; message: string }; creditsUsed: number; balance: number | null };
    };

export const AI_STREAM_CONTENT_TYPE = "text/event-stream; charset=utf-8";

/**
 * The response header that says where this call's charge can be read (GET, JSON
 * `{charge:{status,creditsUsed,balance}}`): after a cancel no `done` frame arrives, so the
 * client asks there for what the produced tokens cost.
 */
export const CHARGE_URL_HEADER = "x-civitas-charge-url";

/** One SSE frame. JSON never contains a raw newline, so `data:` is always a single line. */
export function encodeAiFrame(frame: AiStreamFrame): string {
  return `event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

/**
 * Splits a growing SSE text buffer into complete frames. Returns the frames and the unfinished
 * tail to keep for the next chunk. Unknown events and comment lines (heartbeats) are skipped.
 */
export function decodeAiFrames(buffer: string): { frames: AiStreamFrame[]; rest: string } {
  const frames: AiStreamFrame[] = [];
  const normalised = buffer.replace(/\r\n/g, "\n");
  const blocks = normalised.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "";
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data += line.slice(5).trimStart();
    }
    if (event !== "text" && event !== "done" && event !== "error" && event !== "chat_result") continue;
    try {
      frames.push({ event, data: JSON.parse(data) } as AiStreamFrame);
    } catch {
      // A frame that is not JSON was not written by encodeAiFrame: ignore it rather than abort.
    }
  }
  return { frames, rest };
}
