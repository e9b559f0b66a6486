import { ConfigError, parseConfig } from "@/lib/config";
import { aiConfigFrom, aiStatus, modelFor } from "@/lib/config/ai";

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

const PROD = {
  NODE_ENV: "production",
  AUTH_SECRET: "s".repeat(32),
  APP_URL: "https://civitas.example.org",
  EMAIL_DROP_ALLOWED: "1",
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
};

describe("AI configuration", () => {
  test("without a key AI is off, and says so; defaults are a current Haiku model, 60 s, 3 retries", () => {
    const c = parseConfig({});
    expect(aiStatus(c)).toEqual({ configured: false, demo: false });
    expect(aiConfigFrom(c)).toMatchObject({
      apiKey: undefined,
      defaultModel: "claude-haiku-4-5",
      timeoutMs: 60_000,
      maxRetries: 3,
    });
    expect(aiStatus(parseConfig({ ANTHROPIC_API_KEY: "sk-ant-x" }))).toEqual({ configured: true, demo: false });
    expect(aiStatus(parseConfig({ ANTHROPIC_API_KEY: "  " }))).toEqual({ configured: false, demo: false });
  });

  test("each feature has its own model variable, falling back to AI_MODEL_DEFAULT", () => {
    const c = parseConfig({ AI_MODEL_DEFAULT: "claude-sonnet-4-5", AI_MODEL_CHAT: "claude-opus-4-1" });
    expect(modelFor("chat", c)).toBe("claude-opus-4-1");
    expect(modelFor("case_summary", c)).toBe("claude-sonnet-4-5");
    expect(problemsOf({ AI_MODEL_BRIEFING: "has spaces" })).toEqual([
      { variable: "AI_MODEL_BRIEFING", message: expect.stringMatching(/model name/) },
    ]);
  });

  test.each(["http://127.0.0.1:4010/v1", "https://proxy.example.org/anthropic/v1/"])(
    "ANTHROPIC_BASE_URL=%s (ending in /v1) is refused, saying why",
    (url) => {
      const [p] = problemsOf({ ANTHROPIC_BASE_URL: url });
      expect(p).toEqual({
        variable: "ANTHROPIC_BASE_URL",
        message: expect.stringMatching(/must not end in \/v1.*\/v1\/v1\/messages/),
      });
    },
  );

  test("ANTHROPIC_BASE_URL must be an http(s) URL; a trailing slash is dropped", () => {
    expect(problemsOf({ ANTHROPIC_BASE_URL: "ftp://x.example.org" })[0]?.variable).toBe("ANTHROPIC_BASE_URL");
    expect(problemsOf({ ANTHROPIC_BASE_URL: "not a url" })[0]?.message).toMatch(/expected a URL/);
    expect(aiConfigFrom(parseConfig({ ANTHROPIC_BASE_URL: "http://127.0.0.1:4010/" })).baseURL).toBe(
      "http://127.0.0.1:4010",
    );
  });

  test("AI_TIMEOUT_MS and AI_MAX_RETRIES are bounded whole numbers", () => {
    expect(problemsOf({ AI_TIMEOUT_MS: "10" })[0]).toEqual({
      variable: "AI_TIMEOUT_MS",
      message: expect.stringMatching(/at least 1000/),
    });
    expect(problemsOf({ AI_TIMEOUT_MS: "soon" })[0]?.variable).toBe("AI_TIMEOUT_MS");
    expect(problemsOf({ AI_MAX_RETRIES: "11" })[0]).toEqual({
      variable: "AI_MAX_RETRIES",
      message: expect.stringMatching(/at most 10/),
    });
    expect(parseConfig({ AI_MAX_RETRIES: "0" }).AI_MAX_RETRIES).toBe(0);
  });

  test("the demo model needs ANTHROPIC_BASE_URL, and works without a key", () => {
    expect(problemsOf({ AI_DEMO: "1" })).toEqual([
      { variable: "ANTHROPIC_BASE_URL", message: expect.stringMatching(/required when AI_DEMO=1/) },
    ]);
    const c = parseConfig({ AI_DEMO: "1", ANTHROPIC_BASE_URL: "http://127.0.0.1:4010" });
    expect(aiStatus(c)).toEqual({ configured: true, demo: true });
    expect(aiConfigFrom(c).apiKey).toBe("demo-offline");
  });

  test("the demo model is refused in production unless AI_DEMO_ALLOW_PRODUCTION=1", () => {
    const demo = { AI_DEMO: "1", ANTHROPIC_BASE_URL: "http://127.0.0.1:4010" };
    expect(problemsOf({ ...PROD, ...demo })).toEqual([
      {
        variable: "AI_DEMO",
        message: expect.stringMatching(/refused when NODE_ENV=production.*AI_DEMO_ALLOW_PRODUCTION=1/),
      },
    ]);
    expect(aiStatus(parseConfig({ ...PROD, ...demo, AI_DEMO_ALLOW_PRODUCTION: "1" }))).toEqual({
      configured: true,
      demo: true,
    });
    expect(problemsOf({ ...PROD, ANTHROPIC_API_KEY: "sk-ant-x" })).toEqual([]);
  });
});
