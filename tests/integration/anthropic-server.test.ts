// The local Anthropic server itself: what it accepts and refuses, and that its SSE satisfies
// the SDK's strictest reader (MessageStream checks event order, usage and message_stop).
import Anthropic from "@anthropic-ai/sdk";
import { startAnthropicServer, type AnthropicServer } from "../support/anthropic-server";

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer({ apiKey: "k-1", demoChunkDelayMs: 0 });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = { "x-api-key": "k-1" }) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const minimal = { model: "m", max_tokens: 10, messages: [{ role: "user", content: "hi" }] };

describe("local Anthropic server", () => {
  test("accepts x-api-key and Authorization: Bearer; refuses a missing or wrong key with a 401 error body", async () => {
    expect((await post("/v1/messages", minimal)).status).toBe(200);
    expect((await post("/v1/messages", minimal, { authorization: "Bearer k-1" })).status).toBe(200);
    const missing = await post("/v1/messages", minimal, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    expect((await post("/v1/messages", minimal, { "x-api-key": "nope" })).status).toBe(401);
  });

  test("refuses bad JSON, an invalid request and unknown paths like the API", async () => {
    expect(await (await post("/v1/messages", "{not json")).json()).toMatchObject({
      error: { type: "invalid_request_error" },
    });
    const noModel = await post("/v1/messages", { ...minimal, model: undefined });
    expect([noModel.status, (await noModel.json()).error.message]).toEqual([400, "model: Field required"]);
    expect((await post("/v1/nope", minimal)).status).toBe(404);
  });

  test.each([
    [400, "invalid_request_error"],
    [401, "authentication_error"],
    [429, "rate_limit_error"],
    [500, "api_error"],
    [529, "overloaded_error"],
  ] as const)("a scripted %i has the API's error body and the retry-after headers", async (status, type) => {
    server.script({ kind: "error", status, retryAfter: 7, retryAfterMs: 7000 });
    const res = await post("/v1/messages", minimal);
    expect(res.status).toBe(status);
    expect([res.headers.get("retry-after"), res.headers.get("retry-after-ms")]).toEqual(["7", "7000"]);
    expect(await res.json()).toMatchObject({ type: "error", error: { type, message: expect.any(String) } });
  });

  test("SSE: every frame has an event line, with a ping; a forced tool streams input_json_delta", async () => {
    server.script({ kind: "tool", input: { answer: "forty-two", n: 42 }, toolName: "reply" });
    const res = await post("/v1/messages", {
      ...minimal,
      stream: true,
      tools: [{ name: "reply", input_schema: { type: "object" } }],
    });
    const text = await res.text();
    const events = text
      .trim()
      .split("\n\n")
      .map((f) => /^event: (\S+)\ndata: /.exec(f)?.[1]);
    expect(events[0]).toBe("message_start");
    expect(events).toContain("ping");
    expect(events.filter((e) => e === "content_block_delta").length).toBeGreaterThan(0);
    expect(events.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(events.every(Boolean)).toBe(true);
    expect(text).toContain('"type":"input_json_delta"');
  });

  test("the SDK's MessageStream reads text and tool streams to a complete message", async () => {
    const client = new Anthropic({ apiKey: "k-1", baseURL: server.url, maxRetries: 0, logLevel: "off" });
    server.script(
      { kind: "text", chunks: ["a", "b", "c"] },
      { kind: "tool", input: { x: [1, 2], y: "z" }, toolName: "t" },
    );
    const text = await client.messages
      .stream({ ...minimal, messages: [{ role: "user", content: "hi" }] })
      .finalMessage();
    expect(text.content).toEqual([expect.objectContaining({ type: "text", text: "abc" })]);
    expect(text.usage.output_tokens).toBeGreaterThan(0);
    const tool = await client.messages
      .stream({
        ...minimal,
        messages: [{ role: "user", content: "hi" }],
        tools: [{ name: "t", input_schema: { type: "object" } }],
        tool_choice: { type: "tool", name: "t" },
      })
      .finalMessage();
    expect(tool.content[0]).toMatchObject({ type: "tool_use", name: "t", input: { x: [1, 2], y: "z" } });
    expect(tool.stop_reason).toBe("tool_use");
  });

  test("records what it received, including the anthropic-version header the SDK sends", async () => {
    const client = new Anthropic({ apiKey: "k-1", baseURL: server.url, maxRetries: 0, logLevel: "off" });
    await client.messages.create({ ...minimal, messages: [{ role: "user", content: "secret-marker-123" }] });
    expect(server.requests[0]!.headers["anthropic-version"]).toBeTruthy();
    expect(server.received("secret-marker-123")).toBe(true);
    expect(server.received("never-sent-456")).toBe(false);
  });
});
