// The provider against the local Anthropic wire server: the same SDK calls production makes,
// over HTTP, with replies scripted per call.
import { z } from "zod";
import { resetConfigForTests } from "@/lib/config";
import { ExternalServiceError, RateLimitedError } from "@/lib/errors";
import {
  AiNotConfiguredError,
  AiReplyShapeError,
  batchResults,
  cancelBatch,
  completeStructured,
  completeText,
  countTokens,
  createBatch,
  listBatches,
  retrieveBatch,
  streamText,
} from "@/lib/ai/provider";
import { TEST_ANTHROPIC_KEY, withAnthropicServer } from "../support/anthropic-env";
import { startAnthropicServer } from "../support/anthropic-server";

const server = withAnthropicServer();
const ask = (content: string) => ({
  feature: "case_summary" as const,
  messages: [{ role: "user" as const, content }],
  maxTokens: 200,
});

describe("completeText", () => {
  test("sends the SDK's request (Bearer key, anthropic-version, model of the feature) and returns text and usage", async () => {
    server().script({ kind: "text", chunks: ["Hello ", "there"], usage: { input: 12, output: 3 } });
    const r = await completeText({ ...ask("Say hello"), system: "Be brief.", temperature: 0.2 });
    expect(r).toEqual({
      text: "Hello there",
      usage: { inputTokens: 12, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0 },
      model: "claude-haiku-4-5",
      stopReason: "end_turn",
    });
    const [req] = server().requests;
    expect(req!.path).toBe("/v1/messages");
    expect(req!.headers.authorization).toBe(`Bearer ${TEST_ANTHROPIC_KEY}`);
    expect(req!.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(req!.body).toMatchObject({
      model: "claude-haiku-4-5",
      max_tokens: 200,
      system: "Be brief.",
      temperature: 0.2,
      messages: [{ role: "user", content: "Say hello" }],
    });
    expect((req!.body as { stream?: boolean }).stream).toBe(false);
  });

  test("the wire server records every body, so a test can assert a value was never sent", async () => {
    await completeText(ask('Summarise case 42 <case id="c42">Broken street light</case>'));
    expect(server().received("Broken street light")).toBe(true);
    expect(server().received("1985-03-12-NID-7731")).toBe(false);
  });

  test("a model override wins over the configuration; AI_MODEL_<FEATURE> over the default", async () => {
    await completeText({ ...ask("x"), model: "claude-sonnet-4-5" });
    process.env.AI_MODEL_CASE_SUMMARY = "claude-opus-4-1";
    resetConfigForTests();
    try {
      await completeText(ask("y"));
    } finally {
      delete process.env.AI_MODEL_CASE_SUMMARY;
      resetConfigForTests();
    }
    expect(server().requests.map((r) => (r.body as { model: string }).model)).toEqual([
      "claude-sonnet-4-5",
      "claude-opus-4-1",
    ]);
  });

  test("529 is retried, then succeeds", async () => {
    server().script(
      { kind: "error", status: 529, retryAfterMs: 5 },
      { kind: "error", status: 529, retryAfterMs: 5 },
      { kind: "text", chunks: ["third time lucky"] },
    );
    const r = await completeText(ask("x"));
    expect(r.text).toBe("third time lucky");
    expect(server().requests).toHaveLength(3);
  });

  test("529 that persists fails after AI_MAX_RETRIES retries with an ExternalServiceError", async () => {
    server().script(
      ...Array.from({ length: 4 }, () => ({
        kind: "error" as const,
        status: 529 as const,
        retryAfterMs: 5,
        message: "internal detail xyz",
      })),
    );
    const err = await completeText(ask("x")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalServiceError);
    expect((err as Error).message).not.toMatch(/internal detail xyz/);
    expect(server().requests).toHaveLength(4);
  });

  test("429 with retry-after: 120 fails at once with RateLimitedError (no 2-minute sleep)", async () => {
    server().script({ kind: "error", status: 429, retryAfter: 120 });
    const t0 = Date.now();
    const err = await completeText(ask("x")).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfter).toBe(120);
    expect(server().requests).toHaveLength(1);
  });

  test("400 and 401 are not retried", async () => {
    server().script({ kind: "error", status: 400 }, { kind: "error", status: 401 });
    await expect(completeText(ask("x"))).rejects.toThrow(/rejected the request/);
    await expect(completeText(ask("x"))).rejects.toThrow(/credentials/);
    expect(server().requests).toHaveLength(2);
  });

  test("a wrong key is refused by the server and reported without the key", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-wrong-key";
    resetConfigForTests();
    try {
      const err = await completeText(ask("x")).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ExternalServiceError);
      expect(JSON.stringify({ m: (err as Error).message, d: (err as ExternalServiceError).details })).not.toMatch(
        /sk-ant/,
      );
    } finally {
      process.env.ANTHROPIC_API_KEY = TEST_ANTHROPIC_KEY;
      resetConfigForTests();
    }
  });
});

test("an unreachable provider is an ExternalServiceError after the retries, saying so", async () => {
  const closed = await startAnthropicServer();
  const url = closed.url;
  await closed.close();
  process.env.ANTHROPIC_BASE_URL = url;
  process.env.AI_MAX_RETRIES = "1";
  resetConfigForTests();
  try {
    const t0 = Date.now();
    const err = await completeText(ask("x")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalServiceError);
    expect((err as Error).message).toMatch(/Could not reach the AI provider/);
    // one retry after the first backoff step (0.5 s minus jitter)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
  } finally {
    process.env.ANTHROPIC_BASE_URL = server().url;
    process.env.AI_MAX_RETRIES = "3";
    resetConfigForTests();
  }
});

describe("completeStructured", () => {
  const schema = z.object({
    category: z.enum(["roads", "waste", "housing"]),
    confidence: z.number().min(0).max(1),
    caseIds: z.array(z.string()).min(1),
  });

  test("forces a tool whose input_schema is the zod schema's JSON Schema and parses the input with it", async () => {
    server().script({ kind: "tool", input: { category: "roads", confidence: 0.9, caseIds: ["c1"] } });
    const r = await completeStructured({
      ...ask("Classify"),
      schema,
      toolName: "classify",
      toolDescription: "Pick a category",
    });
    expect(r.value).toEqual({ category: "roads", confidence: 0.9, caseIds: ["c1"] });
    const body = server().requests[0]!.body as {
      tools: Array<{ name: string; input_schema: Record<string, unknown> }>;
      tool_choice: unknown;
    };
    expect(body.tool_choice).toEqual({ type: "tool", name: "classify" });
    expect(body.tools[0]!.name).toBe("classify");
    expect(body.tools[0]!.input_schema).toMatchObject({
      type: "object",
      properties: { category: { enum: ["roads", "waste", "housing"] }, confidence: { type: "number" } },
      required: ["category", "confidence", "caseIds"],
    });
    expect(body.tools[0]!.input_schema.$schema).toBeUndefined();
  });

  test("a tool input that does not match the schema is an ExternalServiceError, not data", async () => {
    server().script({ kind: "tool", input: { category: "weather", confidence: 7, caseIds: [] } });
    const err = await completeStructured({ ...ask("Classify"), schema, toolName: "classify" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AiReplyShapeError);
    expect(err).toBeInstanceOf(ExternalServiceError);
    expect((err as Error).message).toMatch(/expected shape/);
    expect((err as AiReplyShapeError).usage.outputTokens).toBeGreaterThan(0);
  });

  test("a reply without the tool call is an ExternalServiceError", async () => {
    server().script({ kind: "text", chunks: ["I would rather chat"] });
    await expect(completeStructured({ ...ask("Classify"), schema, toolName: "classify" })).rejects.toBeInstanceOf(
      ExternalServiceError,
    );
  });

  test("the demo model builds a valid value from the schema and the prompt (ids it was given, enum named)", async () => {
    const r = await completeStructured({
      ...ask('Which category? <case id="case-7">A pothole on the roads of Elm Street</case>'),
      schema,
      toolName: "classify",
    });
    expect(r.value.category).toBe("roads");
    expect(r.value.caseIds).toEqual(["case-7"]);
  });
});

describe("countTokens", () => {
  test("asks the count_tokens endpoint", async () => {
    const r = await countTokens({ feature: "chat", messages: [{ role: "user", content: "x".repeat(400) }] });
    expect(r.inputTokens).toBeGreaterThan(90);
    expect(server().requests[0]!.path).toBe("/v1/messages/count_tokens");
  });

  test("an error there is mapped like any other", async () => {
    server().script({ endpoint: "count_tokens", kind: "error", status: 400 });
    await expect(countTokens({ feature: "chat", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(
      ExternalServiceError,
    );
  });
});

describe("message batches", () => {
  test("create → retrieve → list → results round trip (results_url on the server's own origin)", async () => {
    server().script(
      { endpoint: "batch_request", kind: "text", chunks: ["first answer"] },
      { endpoint: "batch_request", kind: "error", status: 500 },
    );
    const created = await createBatch({
      feature: "bulk_classification",
      requests: [
        { customId: "case-1", messages: [{ role: "user", content: "one" }], maxTokens: 50 },
        { customId: "case-2", messages: [{ role: "user", content: "two" }], maxTokens: 50 },
        { customId: "case-3", messages: [{ role: "user", content: "three" }], maxTokens: 50 },
      ],
    });
    expect(created).toMatchObject({ status: "in_progress", counts: { processing: 3 }, resultsAvailable: false });
    const body = server().requests[0]!.body as { requests: Array<{ custom_id: string; params: { model: string } }> };
    expect(body.requests.map((r) => [r.custom_id, r.params.model])).toEqual([
      ["case-1", "claude-haiku-4-5"],
      ["case-2", "claude-haiku-4-5"],
      ["case-3", "claude-haiku-4-5"],
    ]);

    const ended = await retrieveBatch("bulk_classification", created.id);
    expect(ended).toMatchObject({
      id: created.id,
      status: "ended",
      counts: { succeeded: 2, errored: 1 },
      resultsAvailable: true,
    });
    const list = await listBatches("bulk_classification", { limit: 10 });
    expect(list.batches.map((b) => b.id)).toContain(created.id);

    const results = await batchResults("bulk_classification", created.id);
    const byId = Object.fromEntries(results.map((r) => [r.customId, r]));
    expect(byId["case-1"]).toMatchObject({ type: "succeeded", text: "first answer" });
    expect(byId["case-2"]).toMatchObject({ type: "errored", errorType: "api_error" });
    expect(byId["case-3"]).toMatchObject({ type: "succeeded", text: expect.stringMatching(/Demo AI/) });
    const resultsRequest = server().requests.find((r) => r.path.endsWith("/results"))!;
    expect(resultsRequest.headers.authorization).toBe(`Bearer ${TEST_ANTHROPIC_KEY}`);
  });

  test("cancel ends the batch with every request canceled; list pages", async () => {
    const req = { messages: [{ role: "user" as const, content: "x" }], maxTokens: 10 };
    const a = await createBatch({
      feature: "briefing",
      requests: [
        { customId: "a", ...req },
        { customId: "b", ...req },
      ],
    });
    const b = await createBatch({ feature: "briefing", requests: [{ customId: "c", ...req }] });
    expect((await cancelBatch("briefing", a.id)).status).toBe("canceling");
    expect(await retrieveBatch("briefing", a.id)).toMatchObject({ status: "ended", counts: { canceled: 2 } });
    expect((await batchResults("briefing", a.id)).map((r) => r.type)).toEqual(["canceled", "canceled"]);
    const page1 = await listBatches("briefing", { limit: 1 });
    expect(page1).toMatchObject({ batches: [{ id: b.id }], hasMore: true, lastId: b.id });
    const page2 = await listBatches("briefing", { limit: 1, afterId: page1.lastId! });
    expect(page2.batches.map((x) => x.id)).toEqual([a.id]);
  });

  test("an unknown batch is an ExternalServiceError (404 from the provider), a bad request too", async () => {
    await expect(retrieveBatch("briefing", "msgbatch_nope")).rejects.toBeInstanceOf(ExternalServiceError);
    await expect(
      createBatch({
        feature: "briefing",
        requests: [{ customId: "bad id!", messages: [{ role: "user", content: "x" }], maxTokens: 5 }],
      }),
    ).rejects.toBeInstanceOf(ExternalServiceError);
  });
});

describe("without ANTHROPIC_API_KEY", () => {
  test("every call throws AiNotConfiguredError and nothing is sent", async () => {
    delete process.env.ANTHROPIC_API_KEY;
    resetConfigForTests();
    try {
      for (const call of [
        () => completeText(ask("x")),
        () => completeStructured({ ...ask("x"), schema: z.object({ a: z.string() }), toolName: "t" }),
        () => countTokens({ feature: "chat", messages: [{ role: "user", content: "x" }] }),
        () => createBatch({ feature: "briefing", requests: [] }),
        () => retrieveBatch("briefing", "b"),
        () => listBatches("briefing"),
        () => cancelBatch("briefing", "b"),
        () => batchResults("briefing", "b"),
      ]) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AiNotConfiguredError);
        expect(err).toMatchObject({ status: 503, code: "AI_NOT_CONFIGURED", message: "AI is not configured" });
      }
      expect(() => streamText(ask("x"))).toThrow(AiNotConfiguredError);
      expect(server().requests).toHaveLength(0);
    } finally {
      process.env.ANTHROPIC_API_KEY = TEST_ANTHROPIC_KEY;
      resetConfigForTests();
    }
  });
});
