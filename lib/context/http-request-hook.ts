// Hooks Node's HTTP server (installed once from instrumentation.ts, before Next.js handles a
// request) for the three things only the server itself knows:
//  - the socket's peer address, put in PEER_ADDRESS_HEADER after deleting any copy the client
//    sent, so lib/rate-limit/client-ip.ts can trust that header and nothing else by default;
//  - the request id, generated here when the caller sent none (or a malformed one), so the
//    access line, middleware, handlers and the response header share it;
//  - the request record: id, client IP and browser, the request context of page renders
//    (lib/context/request-context.ts) and the access line's source;
//  - the access log line, written when the response has finished: real status, duration and
//    bytes, with tenant and user from the request record the guards filled in.
// Next 16 exposes no req.ip, and middleware never sees the final status: hence the hook.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { markPeerAddressHookInstalled, PEER_ADDRESS_HEADER } from "@/lib/rate-limit/client-ip";
import { writeAccessLine } from "@/lib/log/access-log";
import { logger } from "@/lib/log/logger";
import { isValidRequestId, newRequestId, REQUEST_ID_HEADER } from "./request-id";
import { requestMetaFrom } from "./request-meta";
import { runWithRequestRecord, type RequestRecord } from "./request-record";

const INSTALLED = Symbol.for("civitas.httpServerEmitPatched");

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function countBytes(res: http.ServerResponse): () => number {
  let bytes = 0;
  const add = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === "string")
      bytes += Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk !== "function") add(chunk, rest[0]);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  return () => bytes;
}

/** Prepares one request; returns its record. Exported for the tests. */
export function prepareRequest(req: http.IncomingMessage, res: http.ServerResponse): RequestRecord {
  const started = performance.now();
  // Only this server may name the peer: a client's copy of the header is dropped.
  delete req.headers[PEER_ADDRESS_HEADER];
  const peer = req.socket?.remoteAddress;
  if (peer) req.headers[PEER_ADDRESS_HEADER] = peer;

  const incomingId = firstHeader(req.headers[REQUEST_ID_HEADER]);
  const requestId = isValidRequestId(incomingId) ? incomingId : newRequestId();
  req.headers[REQUEST_ID_HEADER] = requestId;

  // The same facts withRequest and the action guards read from the headers middleware passes on.
  const record: RequestRecord = {
    ...requestMetaFrom({ get: (name) => firstHeader(req.headers[name.toLowerCase()]) ?? null }),
    requestId,
  };
  const bytes = countBytes(res);
  const method = req.method ?? "GET";
  const pathname = (req.url ?? "/").split("?")[0]!;
  const isAction = method === "POST" && req.headers["next-action"] !== undefined;
  res.once("close", () => {
    try {
      writeAccessLine({
        method,
        pathname,
        isAction,
        status: res.statusCode,
        durationMs: performance.now() - started,
        bytes: bytes(),
        aborted: !res.writableFinished,
        record,
      });
    } catch (err) {
      logger.error({ event: "http.access_log_failed", err }, "access log line failed");
    }
  });
  return record;
}

export function installHttpRequestHook(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & {
    emit: (event: string | symbol, ...args: unknown[]) => boolean;
  };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const record = prepareRequest(req, res);
    // Next's handling of this request runs inside the record's async context.
    return runWithRequestRecord(record, () => emit.call(this, event, ...args));
  };
  markPeerAddressHookInstalled();
}
