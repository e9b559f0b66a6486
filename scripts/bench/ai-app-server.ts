// The "app" of the ai-stream / ai-cancel benchmarks (scripts/bench/ai.ts), in a process of its
// own as in production: a plain node http server whose every request streams streamText()
// through aiStreamResponse, written to the socket the way Next.js writes a route's Response
// (read with backpressure, the body cancelled when the client goes away). Talks to the wire
// server at ANTHROPIC_BASE_URL; sends its port to the parent over IPC.
import "./server-only-shim";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { streamText } from "../../lib/ai/provider";
import { aiStreamResponse } from "../../lib/ai/stream/server";

const ask = {
  feature: "case_summary" as const,
  messages: [{ role: "user" as const, content: "Summarise" }],
  maxTokens: 1000,
};

export async function pipeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  const reader = response.body!.getReader();
  res.on("close", () => {
    if (!res.writableFinished) void reader.cancel().catch(() => {});
  });
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done || res.destroyed) break;
    if (!res.write(value)) await new Promise((r) => res.once("drain", r));
  }
  res.end();
}

const server = createServer((_req, res) => {
  const response = aiStreamResponse({ stream: streamText(ask), settle: () => ({ creditsUsed: 0, balance: null }) });
  void pipeResponse(response, res);
});
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("disconnect", () => process.exit(0));
