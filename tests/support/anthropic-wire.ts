// The Messages API wire format as the local Anthropic server writes it (tests/support/
// anthropic-server.ts): message objects, SSE events and error bodies, shaped exactly as
// @anthropic-ai/sdk 1.15.0 needs them (every SSE frame has an `event:` line; message_start
// carries content: [] and usage; message_delta carries usage.output_tokens; message_stop ends).
import type { ServerResponse } from "node:http";

export type WireUsage = { input_tokens: number; output_tokens: number };

export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 500 | 529;

export const ERROR_TYPES: Record<ErrorStatus, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** Tokens of a text, as the demo counts them: 4 characters a token, at least 1. */
export const tokensOf = (text: string) => Math.max(1, Math.ceil(text.length / 4));

let counter = 0;
export const wireId = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}${(++counter).toString(36).padStart(6, "0")}`;

export type ContentBlock =
  { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown };

export function messageObject(model: string, content: ContentBlock[], usage: WireUsage, stopReason: string) {
  return {
    id: wireId("msg"),
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

export function errorBody(status: ErrorStatus, message: string, type = ERROR_TYPES[status]) {
  return { type: "error", error: { type, message }, request_id: wireId("req") };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "request-id": wireId("req"),
    ...headers,
  });
  res.end(text);
}

export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The SSE frames of one message, as a list of frames to write with pauses between deltas. */
export function streamFrames(
  model: string,
  block: { kind: "text"; chunks: string[] } | { kind: "tool"; name: string; jsonChunks: string[] },
  usage: WireUsage,
  stopReason: string,
): { head: string[]; deltas: string[]; tail: string[] } {
  const start = messageObject(model, [], { input_tokens: usage.input_tokens, output_tokens: 1 }, stopReason);
  const head = [
    sseFrame("message_start", { type: "message_start", message: { ...start, stop_reason: null } }),
    sseFrame("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block:
        block.kind === "text"
          ? { type: "text", text: "" }
          : { type: "tool_use", id: wireId("toolu"), name: block.name, input: {} },
    }),
    sseFrame("ping", { type: "ping" }),
  ];
  const deltas =
    block.kind === "text"
      ? block.chunks.map((text) =>
          sseFrame("content_block_delta", {
            type: "content_block_delta",
            index: 0,
            delta: { type: "text_delta", text },
          }),
        )
      : block.jsonChunks.map((partial_json) =>
          sseFrame("content_block_delta", {
            type: "content_block_delta",
            index: 0,
            delta: { type: "input_json_delta", partial_json },
          }),
        );
  const tail = [
    sseFrame("content_block_stop", { type: "content_block_stop", index: 0 }),
    sseFrame("message_delta", {
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
    sseFrame("message_stop", { type: "message_stop" }),
  ];
  return { head, deltas, tail };
}

/** Splits text into pieces of about `words` words (keeping the spaces), for streaming. */
export function chunkWords(text: string, words = 3): string[] {
  const parts = text.match(/\S+\s*/g) ?? [text];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += words) out.push(parts.slice(i, i + words).join(""));
  return out.length > 0 ? out : [""];
}
