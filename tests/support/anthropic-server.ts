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
import { errorBody, sendJson, tokensOf } from "./anthropic-wire";
import { handleBatches, type BatchStore } from "./anthropic-batches";
import { messagesHandler, type Endpoint, type MessagesBody, type ScriptedReply } from "./anthropic-messages";

export type { Endpoint, ScriptedReply } from "./anthropic-messages";

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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
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

  const { sendError, messages, answerBatchRequest } = messagesHandler({ take, demoDelay });

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
    if (req.method === "POST" && p === "/v1/messages") return messages(body, res);
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
