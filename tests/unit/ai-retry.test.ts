import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  InternalServerError,
  RateLimitError,
} from "@anthropic-ai/sdk";
import { ExternalServiceError, RateLimitedError } from "@/lib/errors";
import { AiNotConfiguredError, providerError, retryAfterSeconds } from "@/lib/ai/provider/errors";
import { backoffMs, retryDecision, withRetries } from "@/lib/ai/provider/retry";
import { withAiFeature } from "@/lib/ai/log-context";
import { createLoggerForTests } from "@/lib/log/logger";
import { currentLogContext, runWithLogContext } from "@/lib/context/request-context";
import { Writable } from "node:stream";

const headers = (h: Record<string, string>) => new Headers(h);
const apiError = (status: number, h: Record<string, string> = {}, body: object = {}) =>
  APIError.generate(
    status,
    { type: "error", error: { type: "x", message: "provider said: sk-ant-secret leaked?" }, ...body },
    undefined,
    headers(h),
  );

describe("retry policy", () => {
  test("backoff is 0.5 s·2ⁿ, capped at 8 s, with at most 25 % jitter off", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffMs(0, () => 1)).toBe(375);
    expect(backoffMs(4, () => 0.999)).toBeGreaterThanOrEqual(6000);
  });

  test.each([408, 409, 429, 500, 502, 503, 529])("status %i is retried", (status) => {
    expect(retryDecision(apiError(status), 0, 3, () => 0)).toEqual({ retry: true, delayMs: 500 });
  });

  test.each([400, 401, 403, 404, 413, 422])("status %i is not retried", (status) => {
    expect(retryDecision(apiError(status), 0, 3)).toEqual({ retry: false });
  });

  test("lost connections and timeouts are retried; an error event mid-stream (no status) and other errors are not", () => {
    expect(retryDecision(new APIConnectionError({ message: "reset" }), 1, 3, () => 0)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(retryDecision(new APIConnectionTimeoutError(), 0, 3, () => 0).retry).toBe(true);
    expect(
      retryDecision(
        new APIError(undefined, { type: "error", error: { type: "overloaded_error" } }, undefined, undefined),
        0,
        3,
      ).retry,
    ).toBe(false);
    expect(retryDecision(new Error("bug"), 0, 3).retry).toBe(false);
  });

  test("no retry once maxRetries have been made", () => {
    expect(retryDecision(apiError(529), 3, 3)).toEqual({ retry: false });
    expect(retryDecision(apiError(529), 0, 0)).toEqual({ retry: false });
  });

  test("retry-after / retry-after-ms up to 10 s are honoured; longer fails at once", () => {
    expect(retryDecision(apiError(429, { "retry-after": "2" }), 0, 3)).toEqual({ retry: true, delayMs: 2000 });
    expect(retryDecision(apiError(529, { "retry-after-ms": "40", "retry-after": "120" }), 0, 3)).toEqual({
      retry: true,
      delayMs: 40,
    });
    expect(retryDecision(apiError(429, { "retry-after": "10" }), 0, 3)).toEqual({ retry: true, delayMs: 10_000 });
    expect(retryDecision(apiError(429, { "retry-after": "11" }), 0, 3)).toEqual({ retry: false });
    expect(retryDecision(apiError(429, { "retry-after": "120" }), 0, 3)).toEqual({ retry: false });
  });

  test("retry-after may be an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterSeconds(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5);
    expect(retryAfterSeconds(headers({ "retry-after": "garbage" }))).toBeUndefined();
    expect(retryAfterSeconds(headers({}))).toBeUndefined();
  });

  test("withRetries retries until success, then maps the final failure", async () => {
    let calls = 0;
    const retries: number[] = [];
    const ok = await withRetries(
      async () => {
        if (++calls < 3) throw apiError(529, { "retry-after-ms": "1" });
        return "fine";
      },
      { maxRetries: 3, onRetry: (n) => retries.push(n) },
    );
    expect([ok, calls, retries]).toEqual(["fine", 3, [1, 2]]);

    calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw apiError(529, { "retry-after-ms": "1" });
        },
        { maxRetries: 2 },
      ),
    ).rejects.toBeInstanceOf(ExternalServiceError);
    expect(calls).toBe(3);
  });

  test("an aborted signal stops the backoff at once and is not mapped", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = withRetries(
      async () => {
        throw apiError(529, { "retry-after": "5" });
      },
      { maxRetries: 3, signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(p).rejects.toThrow("stop");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("provider error mapping", () => {
  test("429 → RateLimitedError with retryAfter; the provider's words never reach the message", () => {
    const e = providerError(apiError(429, { "retry-after": "120" }));
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(e.retryAfter).toBe(120);
    expect(e.message).toMatch(/try again in 120 s/);
    expect(e.message).not.toMatch(/sk-ant|provider said/);
  });

  test.each([
    [401, /credentials/],
    [400, /rejected the request/],
    [500, /unavailable or overloaded/],
    [529, /unavailable or overloaded/],
  ])("%i → ExternalServiceError (502) with a plain message", (status, message) => {
    const e = providerError(apiError(status));
    expect(e).toBeInstanceOf(ExternalServiceError);
    expect(e.status).toBe(502);
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/sk-ant|provider said/);
  });

  test("connection failures, timeouts, mid-stream errors and unknown errors", () => {
    expect(providerError(new APIConnectionError({ message: "ECONNREFUSED" })).message).toMatch(/Could not reach/);
    expect(providerError(new APIConnectionTimeoutError()).message).toMatch(/did not answer in time/);
    expect(
      providerError(
        new APIError(undefined, { type: "error", error: { type: "overloaded_error" } }, undefined, undefined),
      ).message,
    ).toMatch(/stopped the answer/);
    expect(providerError(new TypeError("boom"))).toBeInstanceOf(ExternalServiceError);
    expect(providerError(new RateLimitError(429, undefined, undefined, headers({})))).toBeInstanceOf(RateLimitedError);
    expect(providerError(new InternalServerError(529, undefined, undefined, headers({})))).toBeInstanceOf(
      ExternalServiceError,
    );
  });

  test("AiNotConfiguredError is a 503 with code AI_NOT_CONFIGURED", () => {
    const e = new AiNotConfiguredError();
    expect([e.status, e.code, e.message]).toEqual([503, "AI_NOT_CONFIGURED", "AI is not configured"]);
  });
});

describe("ai_feature in log lines", () => {
  test("every line logged inside withAiFeature carries ai_feature with the request's fields", () => {
    const lines: string[] = [];
    const log = createLoggerForTests(
      new Writable({
        write(chunk, _enc, cb) {
          lines.push(String(chunk));
          cb();
        },
      }),
    );
    runWithLogContext({ requestId: "req-12345678", tenantId: "t1" }, () => {
      withAiFeature("case_summary", () => log.info("inside"));
      log.info("outside");
      expect(currentLogContext()?.aiFeature).toBeUndefined();
    });
    const [inside, outside] = lines.map((l) => JSON.parse(l));
    expect(inside).toMatchObject({
      msg: "inside",
      ai_feature: "case_summary",
      request_id: "req-12345678",
      tenant_id: "t1",
    });
    expect(outside.ai_feature).toBeUndefined();
  });
});
