// Points the app's configuration at a local Anthropic server for one test file:
// ANTHROPIC_BASE_URL at the server, a test key, and the configuration re-read.
import { resetConfigForTests } from "@/lib/config";
import { startAnthropicServer, type AnthropicServer, type AnthropicServerOptions } from "./anthropic-server";

export const TEST_ANTHROPIC_KEY = "sk-ant-test-0123456789abcdef";

export function withAnthropicServer(options: AnthropicServerOptions = {}): () => AnthropicServer {
  let server: AnthropicServer | undefined;
  const saved: Record<string, string | undefined> = {};
  const vars = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "AI_MAX_RETRIES", "AI_DEMO"] as const;
  beforeAll(async () => {
    server = await startAnthropicServer({ apiKey: TEST_ANTHROPIC_KEY, ...options });
    for (const v of vars) saved[v] = process.env[v];
    process.env.ANTHROPIC_API_KEY = TEST_ANTHROPIC_KEY;
    process.env.ANTHROPIC_BASE_URL = server.url;
    process.env.AI_MAX_RETRIES = "3";
    delete process.env.AI_DEMO;
    resetConfigForTests();
  });
  beforeEach(() => server?.reset());
  afterAll(async () => {
    for (const v of vars) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    resetConfigForTests();
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the Anthropic server starts in beforeAll");
    return server;
  };
}
