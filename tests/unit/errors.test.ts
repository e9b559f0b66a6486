import { z } from "zod";

// Keep pino quiet in this file: the 500 path logs on purpose.
jest.mock("@/lib/log/logger", () => ({ logger: { error: jest.fn(), warn: jest.fn(), info: jest.fn() } }));
import {
  ConflictError,
  ExternalServiceError,
  ForbiddenError,
  NotFoundError,
  PaymentRequiredError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from "@/lib/errors";
import { errorResponse } from "@/lib/errors/route";
import { actionFailure } from "@/lib/errors/action";

describe("route error mapper", () => {
  test.each([
    [new NotFoundError(), 404, "NOT_FOUND"],
    [new ValidationError("bad", { email: ["Enter a valid email address"] }), 400, "VALIDATION_FAILED"],
    [new UnauthorizedError(), 401, "UNAUTHORIZED"],
    [new ForbiddenError(), 403, "FORBIDDEN"],
    [new ConflictError("changed by someone else"), 409, "CONFLICT"],
    [new RateLimitedError(undefined, 30), 429, "RATE_LIMITED"],
    [new PaymentRequiredError("out of credits"), 402, "PAYMENT_REQUIRED"],
    [new ExternalServiceError("AI provider failed"), 502, "EXTERNAL_SERVICE_ERROR"],
    [new UnavailableError("maintenance"), 503, "UNAVAILABLE"],
  ])("%p → %i %s", async (err, status, code) => {
    const res = errorResponse(err, "req-12345678");
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    expect(res.headers.get("x-request-id")).toBe("req-12345678");
  });

  test("validation errors carry field errors", async () => {
    const body = await errorResponse(new ValidationError("bad", { email: ["nope"] }), "r-12345678").json();
    expect(body.error.details).toEqual({ fieldErrors: { email: ["nope"] } });
  });

  test("a zod error becomes a 400 with field paths", async () => {
    const parsed = z
      .object({ address: z.object({ city: z.string().min(2, "too short") }) })
      .safeParse({ address: { city: "x" } });
    const res = errorResponse(parsed.error, "r-12345678");
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fieldErrors).toEqual({ "address.city": ["too short"] });
  });

  test("rate limits say when to retry", () => {
    expect(errorResponse(new RateLimitedError(undefined, 30), "r-12345678").headers.get("retry-after")).toBe("30");
  });

  test("an unexpected error is a 500 that shows no internals but the request id", async () => {
    const res = errorResponse(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"), "req-abcdef12");
    expect(res.status).toBe(500);
    const text = JSON.stringify(await res.json());
    expect(text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5/);
    expect(text).toContain("req-abcdef12");
    expect(text).toContain("INTERNAL_ERROR");
  });
});

describe("action error mapper", () => {
  test("validation errors come back field by field", () => {
    expect(actionFailure(new ValidationError("bad", { email: ["nope"] }), "r1")).toEqual({
      ok: false,
      code: "VALIDATION_FAILED",
      message: "bad",
      fieldErrors: { email: ["nope"] },
      requestId: "r1",
    });
  });

  test("unexpected errors are generic", () => {
    const f = actionFailure(new Error("secret internals"), "r2");
    expect(f).toMatchObject({ ok: false, code: "INTERNAL_ERROR", requestId: "r2" });
    expect(f.message).not.toContain("secret");
  });

  test("Next's redirect and notFound signals pass through untouched", () => {
    const redirectSignal = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/x;307;" });
    expect(() => actionFailure(redirectSignal, "r3")).toThrow("NEXT_REDIRECT");
  });
});
