// POST /v1/messages of the local Anthropic server (tests/support/anthropic-server.ts): scripted
// replies, else the demo model, as JSON or as SSE written with backpressure (a frame waits for
// the socket to drain), and the same replies for each request of a message batch.
import type { ServerResponse } from "node:http";
import { demoChatSql, demoText, demoToolInput, promptOf } from "./anthropic-demo";
import { demoClassification, demoIntake, demoReplyDraft, isReplyDraftPrompt } from "./anthropic-demo-casework";
import { demoSearchFilter, isSearchPrompt } from "./anthropic-demo-search";
import { BRIEFING_TOOL_NAME, demoBriefing } from "./anthropic-demo-briefing";
import {
  chunkWords,
  type ContentBlock,
  errorBody,
  messageObject,
  sendJson,
  sseFrame,
  streamFrames,
  tokensOf,
  type ErrorStatus,
} from "./anthropic-wire";

export type Endpoint = "messages" | "count_tokens" | "batch_request" | "batches";

export type ScriptedReply = { endpoint?: Endpoint } & (
  | { kind: "text"; chunks: string[]; delayMs?: number; usage?: { input?: number; output?: number } }
  | { kind: "tool"; input: unknown; toolName?: string }
  /** A JSON reply with exactly these content blocks (e.g. a text and a tool call nobody asked for). */
  | { kind: "content"; blocks: ContentBlock[]; usage?: { input?: number; output?: number } }
  | {
      kind: "error";
      status: ErrorStatus;
      message?: string;
      type?: string;
      retryAfter?: number | string;
      retryAfterMs?: number;
    }
  /** Streams `chunks`, then an `event: error` frame (a stream only; JSON calls get a 500). */
  | { kind: "stream-error"; chunks: string[]; type?: string; message?: string; delayMs?: number }
  /** Reads the request and never answers (until the client gives up). */
  | { kind: "hang" }
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes a frame, waiting for the socket to drain (backpressure); false once the client left. */
async function write(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
  return !res.destroyed;
}

export type MessagesBody = {
  model?: unknown;
  max_tokens?: unknown;
  messages?: unknown;
  stream?: unknown;
  system?: unknown;
  tools?: Array<{ name: string; input_schema: Record<string, unknown> }>;
  tool_choice?: { type: string; name?: string };
};

function invalidMessages(body: MessagesBody): string | null {
  if (typeof body.model !== "string" || body.model === "") return "model: Field required";
  if (typeof body.max_tokens !== "number" || body.max_tokens < 1) return "max_tokens: Field required";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: at least one message is required";
  return null;
}

export function messagesHandler(opts: { take: (endpoint: Endpoint) => ScriptedReply | undefined; demoDelay: number }) {
  const { take, demoDelay } = opts;

  function sendError(res: ServerResponse, reply: Extract<ScriptedReply, { kind: "error" }>) {
    const headers: Record<string, string> = {};
    if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
    if (reply.retryAfterMs !== undefined) headers["retry-after-ms"] = String(reply.retryAfterMs);
    sendJson(
      res,
      reply.status,
      errorBody(reply.status, reply.message ?? `scripted ${reply.status}`, reply.type),
      headers,
    );
  }

  async function streamOut(
    res: ServerResponse,
    frames: { head: string[]; deltas: string[]; tail: string[] },
    delayMs: number,
    errorFrame?: string,
  ) {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      "request-id": `req_${Date.now()}`,
    });
    for (const f of frames.head) if (!(await write(res, f))) return;
    for (const [i, f] of frames.deltas.entries()) {
      if (i > 0 && delayMs > 0) await sleep(delayMs);
      if (!(await write(res, f))) return;
    }
    if (errorFrame) {
      await write(res, errorFrame);
      return void res.end();
    }
    for (const f of frames.tail) if (!(await write(res, f))) return;
    res.end();
  }

  /** The reply to a Messages request (also used for each request of a batch). */
  function replyFor(body: MessagesBody, scripted: ScriptedReply | undefined): ScriptedReply {
    if (scripted) return scripted;
    const prompt = promptOf(body as never);
    const forced =
      body.tool_choice?.type === "tool" ? body.tools?.find((t) => t.name === body.tool_choice?.name) : undefined;
    if (forced?.name === "classify_case")
      return { kind: "tool", toolName: forced.name, input: demoClassification(prompt, forced.input_schema) };
    if (forced?.name === "run_sql") return { kind: "tool", toolName: forced.name, input: { sql: demoChatSql(prompt) } };
    if (forced?.name === "record_intake")
      return { kind: "tool", toolName: forced.name, input: demoIntake(prompt, forced.input_schema) };
    if (forced?.name === BRIEFING_TOOL_NAME)
      return { kind: "tool", toolName: forced.name, input: demoBriefing(prompt) };
    if (isSearchPrompt(forced?.name))
      return { kind: "tool", toolName: forced!.name, input: demoSearchFilter(prompt, forced!.input_schema) };
    if (forced) return { kind: "tool", toolName: forced.name, input: demoToolInput(prompt, forced.input_schema) };
    const text = isReplyDraftPrompt(prompt) ? demoReplyDraft(prompt) : demoText(prompt);
    return { kind: "text", chunks: chunkWords(text), delayMs: demoDelay };
  }

  async function messages(received: unknown, res: ServerResponse) {
    const body = (received ?? {}) as MessagesBody;
    const scripted = take("messages");
    if (scripted?.kind === "error") return sendError(res, scripted);
    if (scripted?.kind === "hang") return; // the test's client gives up; nothing is written
    const invalid = invalidMessages(body);
    if (invalid) return sendJson(res, 400, errorBody(400, invalid));
    const reply = replyFor(body, scripted);
    const model = body.model as string;
    const inputTokens = tokensOf(JSON.stringify(body.messages) + (typeof body.system === "string" ? body.system : ""));
    if (reply.kind === "content") {
      const usage = {
        input_tokens: reply.usage?.input ?? inputTokens,
        output_tokens: reply.usage?.output ?? tokensOf(JSON.stringify(reply.blocks)),
      };
      const stop = reply.blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
      if (body.stream !== true) return sendJson(res, 200, messageObject(model, reply.blocks, usage, stop));
      return sendJson(res, 500, errorBody(500, "scripted content replies are JSON only"));
    }
    if (reply.kind === "tool") {
      const name = reply.toolName ?? body.tool_choice?.name ?? body.tools?.[0]?.name ?? "tool";
      const json = JSON.stringify(reply.input);
      const usage = { input_tokens: inputTokens, output_tokens: tokensOf(json) };
      if (body.stream !== true)
        return sendJson(
          res,
          200,
          messageObject(
            model,
            [{ type: "tool_use", id: `toolu_${Date.now()}`, name, input: reply.input }],
            usage,
            "tool_use",
          ),
        );
      const jsonChunks = json.match(/.{1,24}/gs) ?? [json];
      return streamOut(res, streamFrames(model, { kind: "tool", name, jsonChunks }, usage, "tool_use"), 0);
    }
    if (reply.kind === "text") {
      const text = reply.chunks.join("");
      const usage = {
        input_tokens: reply.usage?.input ?? inputTokens,
        output_tokens: reply.usage?.output ?? tokensOf(text),
      };
      if (body.stream !== true)
        return sendJson(res, 200, messageObject(model, [{ type: "text", text }], usage, "end_turn"));
      return streamOut(
        res,
        streamFrames(model, { kind: "text", chunks: reply.chunks }, usage, "end_turn"),
        reply.delayMs ?? 0,
      );
    }
    if (reply.kind === "stream-error") {
      if (body.stream !== true) return sendJson(res, 500, errorBody(500, reply.message ?? "scripted error"));
      const usage = { input_tokens: inputTokens, output_tokens: tokensOf(reply.chunks.join("")) };
      const frame = sseFrame("error", {
        type: "error",
        error: { type: reply.type ?? "overloaded_error", message: reply.message ?? "Overloaded" },
      });
      return streamOut(
        res,
        streamFrames(model, { kind: "text", chunks: reply.chunks }, usage, "end_turn"),
        reply.delayMs ?? 0,
        frame,
      );
    }
  }

  /** One request of a batch: a scripted "batch_request" reply, else the demo model. */
  function answerBatchRequest(params: MessagesBody) {
    const reply = replyFor(params, take("batch_request"));
    const model = typeof params.model === "string" ? params.model : "unknown";
    const inputTokens = tokensOf(JSON.stringify(params.messages ?? []));
    if (reply.kind === "error" || reply.kind === "hang" || reply.kind === "stream-error" || reply.kind === "content") {
      const status = reply.kind === "error" ? reply.status : 500;
      return { type: "errored" as const, error: errorBody(status as ErrorStatus, "scripted batch error") };
    }
    if (reply.kind === "tool") {
      const json = JSON.stringify(reply.input);
      return {
        type: "succeeded" as const,
        message: messageObject(
          model,
          [{ type: "tool_use", id: `toolu_${Date.now()}`, name: reply.toolName ?? "tool", input: reply.input }],
          { input_tokens: inputTokens, output_tokens: tokensOf(json) },
          "tool_use",
        ),
      };
    }
    const text = reply.chunks.join("");
    return {
      type: "succeeded" as const,
      message: messageObject(
        model,
        [{ type: "text", text }],
        { input_tokens: inputTokens, output_tokens: tokensOf(text) },
        "end_turn",
      ),
    };
  }

  return { sendError, messages, answerBatchRequest };
}
