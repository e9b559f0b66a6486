// A local HTTP server that speaks the Anthropic Messages API wire protocol, for the provider's
// tests, the benchmarks, the e2e tests and the offline demo model (npm run dev:demo-ai). The
// app reaches it only through ANTHROPIC_BASE_URL: the production code path is the same SDK call.
//
//   POST /v1/messages                JSON, or SSE when "stream": true
//   POST /v1/messages/count_tokens   { input_tokens }
//   POST /v1/messages/batches        create; GET …/batches (list), GET …/batches/:id,
//   POST …/batches/:id/cancel,       GET …/batches/:id/results (JSONL; results_url is on this origin)
//
// Tests script replies per call (a queue; the first reply whose endpoint matches answers) and
// read back what the server received: bodies, headers, when the client closed the socket. With
// nothing scripted, the demo model answers (tests/support/anthropic-demo.ts). Both
// `Authorization: Bearer <key>` (what the SDK sends) and `x-api-key` are accepted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { demoText, demoToolInput, promptOf } from "./anthropic-demo";
import {
  chunkWords,
  errorBody,
  messageObject,
  sendJson,
  sseFrame,
  streamFrames,
  tokensOf,
  type ErrorStatus,
} from "./anthropic-wire";
import { handleBatches, type BatchStore } from "./anthropic-batches";

export type Endpoint = "messages" | "count_tokens" | "batch_request" | "batches";

export type ScriptedReply = { endpoint?: Endpoint } & (
  | { kind: "text"; chunks: string[]; delayMs?: number; usage?: { input?: number; output?: number } }
  | { kind: "tool"; input: unknown; toolName?: string }
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

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  rawBody: string;
  body: unknown;
  /** performance.now() when the request arrived / the response ended / the client closed first. */
  receivedAt: number;
  finishedAt?: number;
  clientClosedAt?: number;
  /** Resolves with performance.now() when the client closed the connection before the answer ended. */
  clientClosed: Promise<number>;
};

export type AnthropicServer = {
  /** Origin to use as ANTHROPIC_BASE_URL (no /v1). */
  url: string;
  port: number;
  script(...replies: ScriptedReply[]): void;
  readonly requests: ReceivedRequest[];
  /** Whether `value` appears in any request body received so far (e.g. a national ID). */
  received(value: string): boolean;
  /** Resolves when the n-th request (1-based) has arrived. */
  nextRequest(n?: number): Promise<ReceivedRequest>;
  /** Clears the script queue, the request log and the batches. */
  reset(): void;
  close(): Promise<void>;
  batches: BatchStore;
};

export type AnthropicServerOptions = {
  port?: number;
  host?: string;
  /** Only this key is accepted (else any non-empty key). */
  apiKey?: string;
  /** Pause between streamed chunks of demo replies (ms; default 15: reads as live typing). */
  demoChunkDelayMs?: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

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

type MessagesBody = {
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

export async function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  const queue: ScriptedReply[] = [];
  const requests: ReceivedRequest[] = [];
  const waiters: Array<{ n: number; resolve: (r: ReceivedRequest) => void }> = [];
  const demoDelay = options.demoChunkDelayMs ?? 15;
  let origin = "";

  const take = (endpoint: Endpoint): ScriptedReply | undefined => {
    const i = queue.findIndex((r) => (r.endpoint ?? "messages") === endpoint);
    return i === -1 ? undefined : queue.splice(i, 1)[0];
  };

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
    if (forced) return { kind: "tool", toolName: forced.name, input: demoToolInput(prompt, forced.input_schema) };
    return { kind: "text", chunks: chunkWords(demoText(prompt)), delayMs: demoDelay };
  }

  async function messages(req: ReceivedRequest, res: ServerResponse) {
    const body = (req.body ?? {}) as MessagesBody;
    const scripted = take("messages");
    if (scripted?.kind === "error") return sendError(res, scripted);
    if (scripted?.kind === "hang") return; // the test's client gives up; nothing is written
    const invalid = invalidMessages(body);
    if (invalid) return sendJson(res, 400, errorBody(400, invalid));
    const reply = replyFor(body, scripted);
    const model = body.model as string;
    const inputTokens = tokensOf(JSON.stringify(body.messages) + (typeof body.system === "string" ? body.system : ""));
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

  const batches: BatchStore = new Map();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    const rawBody = await readBody(req);
    let body: unknown = undefined;
    let badJson = false;
    if (rawBody !== "") {
      try {
        body = JSON.parse(rawBody);
      } catch {
        badJson = true;
      }
    }
    let resolveClosed!: (t: number) => void;
    const record: ReceivedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      headers: req.headers,
      rawBody,
      body,
      receivedAt: performance.now(),
      clientClosed: new Promise<number>((r) => (resolveClosed = r)),
    };
    res.on("close", () => {
      const t = performance.now();
      if (res.writableFinished) record.finishedAt = t;
      else {
        record.clientClosedAt = t;
        resolveClosed(t);
      }
    });
    requests.push(record);
    for (const w of [...waiters])
      if (requests.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(requests[w.n - 1]!);
      }

    const auth = req.headers.authorization?.replace(/^Bearer\s+/i, "") ?? req.headers["x-api-key"];
    const key = Array.isArray(auth) ? auth[0] : auth;
    if (!key || (options.apiKey !== undefined && key !== options.apiKey))
      return sendJson(res, 401, errorBody(401, "invalid x-api-key"));
    if (badJson) return sendJson(res, 400, errorBody(400, "The request body is not valid JSON."));

    const p = url.pathname;
    if (req.method === "POST" && p === "/v1/messages") return messages(record, res);
    if (req.method === "POST" && p === "/v1/messages/count_tokens") {
      const scripted = take("count_tokens");
      if (scripted?.kind === "error") return sendError(res, scripted);
      const b = (body ?? {}) as MessagesBody;
      if (typeof b.model !== "string" || !Array.isArray(b.messages))
        return sendJson(res, 400, errorBody(400, "model and messages are required"));
      return sendJson(res, 200, {
        input_tokens: tokensOf(JSON.stringify(b.messages) + (typeof b.system === "string" ? b.system : "")),
      });
    }
    if (p.startsWith("/v1/messages/batches")) {
      const scripted = take("batches");
      if (scripted?.kind === "error") return sendError(res, scripted);
      return handleBatches({
        req,
        res,
        path: p,
        query: url.searchParams,
        body,
        origin,
        store: batches,
        answer: (params) => answerBatchRequest(params),
      });
    }
    return sendJson(res, 404, errorBody(404, `No route for ${req.method} ${p}`));
  }

  /** One request of a batch: a scripted "batch_request" reply, else the demo model. */
  function answerBatchRequest(params: MessagesBody) {
    const reply = replyFor(params, take("batch_request"));
    const model = typeof params.model === "string" ? params.model : "unknown";
    const inputTokens = tokensOf(JSON.stringify(params.messages ?? []));
    if (reply.kind === "error" || reply.kind === "hang" || reply.kind === "stream-error") {
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

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500, `wire server failure: ${(err as Error).message}`));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    url: origin,
    port,
    batches,
    script: (...replies) => void queue.push(...replies),
    requests,
    received: (value) =>
      requests.some((r) => r.rawBody.includes(value) || r.rawBody.includes(JSON.stringify(value).slice(1, -1))),
    nextRequest(n = requests.length + 1) {
      if (requests.length >= n) return Promise.resolve(requests[n - 1]!);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      batches.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
