// Message Batches on the local Anthropic server (tests/support/anthropic-server.ts). A batch
// is "in_progress" when created and has ended by the first time it is retrieved (a test that
// needs it to stay open sets `hold`); a cancel before that ends it with every request
// "canceled". results_url points at this server's own origin, because the SDK GETs it as given.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, sendJson, wireId } from "./anthropic-wire";

type Params = Record<string, unknown>;
type Result =
  | { type: "succeeded"; message: unknown }
  | { type: "errored"; error: unknown }
  | { type: "canceled" }
  | { type: "expired" };

export type StoredBatch = {
  id: string;
  createdAt: string;
  endedAt: string | null;
  cancelInitiatedAt: string | null;
  status: "in_progress" | "canceling" | "ended";
  requests: Array<{ custom_id: string; params: Params }>;
  results: Array<{ custom_id: string; result: Result }>;
  /** Keeps the batch in progress when retrieved (until the test clears it). */
  hold?: boolean;
};

export type BatchStore = Map<string, StoredBatch>;

function view(b: StoredBatch, origin: string) {
  const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  if (b.status === "ended") for (const r of b.results) counts[r.result.type] += 1;
  else counts.processing = b.requests.length;
  return {
    id: b.id,
    type: "message_batch",
    processing_status: b.status,
    request_counts: counts,
    created_at: b.createdAt,
    ended_at: b.endedAt,
    expires_at: new Date(Date.parse(b.createdAt) + 24 * 3600_000).toISOString(),
    archived_at: null,
    cancel_initiated_at: b.cancelInitiatedAt,
    results_url: b.status === "ended" ? `${origin}/v1/messages/batches/${b.id}/results` : null,
  };
}

function end(b: StoredBatch, answer: (params: Params) => Result) {
  if (b.status === "ended") return;
  const canceled = b.status === "canceling";
  b.results = b.requests.map((r) => ({
    custom_id: r.custom_id,
    result: canceled ? { type: "canceled" } : answer(r.params),
  }));
  b.status = "ended";
  b.endedAt = new Date().toISOString();
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export function handleBatches(args: {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: URLSearchParams;
  body: unknown;
  origin: string;
  store: BatchStore;
  answer: (params: Params) => Result;
}): void {
  const { req, res, path, query, body, origin, store, answer } = args;
  const m = /^\/v1\/messages\/batches(?:\/([^/]+))?(?:\/(cancel|results))?$/.exec(path);
  if (!m) return sendJson(res, 404, errorBody(404, `No route for ${req.method} ${path}`));
  const [, id, action] = m;

  if (!id && req.method === "POST") {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests) || requests.length === 0)
      return sendJson(res, 400, errorBody(400, "requests: at least one request is required"));
    const seen = new Set<string>();
    for (const r of requests as Array<{ custom_id?: unknown; params?: unknown }>) {
      if (typeof r.custom_id !== "string" || !CUSTOM_ID.test(r.custom_id) || seen.has(r.custom_id))
        return sendJson(
          res,
          400,
          errorBody(400, "custom_id: each request needs a unique custom_id of 1-64 letters, digits, _ or -"),
        );
      seen.add(r.custom_id);
      const p = r.params as Params | undefined;
      if (!p || typeof p.model !== "string" || typeof p.max_tokens !== "number" || !Array.isArray(p.messages))
        return sendJson(
          res,
          400,
          errorBody(400, `params of ${r.custom_id}: model, max_tokens and messages are required`),
        );
    }
    const batch: StoredBatch = {
      id: wireId("msgbatch"),
      createdAt: new Date().toISOString(),
      endedAt: null,
      cancelInitiatedAt: null,
      status: "in_progress",
      requests: requests as StoredBatch["requests"],
      results: [],
    };
    store.set(batch.id, batch);
    return sendJson(res, 200, view(batch, origin));
  }
  if (!id && req.method === "GET") {
    const all = [...store.values()].reverse();
    const after = query.get("after_id");
    const from = after ? all.findIndex((b) => b.id === after) + 1 : 0;
    const limit = Math.min(1000, Math.max(1, Number(query.get("limit") ?? 20) || 20));
    const page = all.slice(from, from + limit);
    return sendJson(res, 200, {
      data: page.map((b) => view(b, origin)),
      has_more: from + limit < all.length,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    });
  }
  const batch = id ? store.get(id) : undefined;
  if (!batch) return sendJson(res, 404, errorBody(404, `No batch ${id}`));
  if (action === "cancel" && req.method === "POST") {
    if (batch.status === "in_progress") {
      batch.status = "canceling";
      batch.cancelInitiatedAt = new Date().toISOString();
    }
    return sendJson(res, 200, view(batch, origin));
  }
  if (action === "results" && req.method === "GET") {
    if (batch.status !== "ended") return sendJson(res, 400, errorBody(400, `Batch ${batch.id} has not ended yet`));
    const jsonl = batch.results.map((r) => JSON.stringify(r)).join("\n") + "\n";
    res.writeHead(200, { "content-type": "application/binary", "content-length": Buffer.byteLength(jsonl) });
    return void res.end(jsonl);
  }
  if (!action && req.method === "GET") {
    if (!batch.hold) end(batch, answer);
    return sendJson(res, 200, view(batch, origin));
  }
  return sendJson(res, 404, errorBody(404, `No route for ${req.method} ${path}`));
}
