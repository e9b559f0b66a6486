import { Writable } from "node:stream";
import { isValidRequestId, requestIdFrom } from "@/lib/context/request-id";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/http/security-headers";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { enrichLogContext, runWithLogContext } from "@/lib/context/request-context";
import { createLoggerForTests } from "@/lib/log/logger";

describe("request ids", () => {
  test("well-formed incoming ids are kept, others replaced", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "lb-12345678" }))).toBe("lb-12345678");
    expect(requestIdFrom(new Headers({ "x-request-id": "short" }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers({ "x-request-id": "a b c d e f g h" }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
    expect(isValidRequestId("x".repeat(129))).toBe(false);
  });
});

describe("security headers", () => {
  test("production CSP: nonce, strict-dynamic, no eval, no framing", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  test("development allows eval and websockets for fast refresh; plain http is not upgraded", () => {
    const csp = contentSecurityPolicy("n", { dev: true, https: false });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).toContain("ws:");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  test("all headers are present", () => {
    expect(Object.keys(securityHeaders("n", { dev: false, https: true })).sort()).toEqual(
      [
        "content-security-policy",
        "cross-origin-opener-policy",
        "permissions-policy",
        "referrer-policy",
        "strict-transport-security",
        "x-content-type-options",
        "x-frame-options",
      ].sort(),
    );
  });

  test("nonces are random base64", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("safe redirects after sign-in", () => {
  test.each([
    ["/demo", "/demo"],
    ["/demo/cases?x=1", "/demo/cases?x=1"],
    ["//evil.example", null],
    ["/\\evil.example", null],
    ["https://evil.example", null],
    ["/sign-in", null],
    ["/api/auth/signout", null],
    ["", null],
    [undefined, null],
  ])("%p → %p", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("logs", () => {
  function capture() {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(JSON.parse(String(chunk)));
        cb();
      },
    });
    return { lines, logger: createLoggerForTests(stream) };
  }

  test("every line inside a request carries request_id, tenant_id, user_id and ai_feature", () => {
    const { lines, logger } = capture();
    runWithLogContext({ requestId: "req-1" }, () => {
      logger.info("before auth");
      enrichLogContext({ tenantId: "t-1", userId: "u-1" });
      logger.info("after auth");
      enrichLogContext({ aiFeature: "summary" });
      logger.warn("in ai call");
    });
    logger.info("outside");
    expect(lines.map((l) => [l.msg, l.request_id, l.tenant_id, l.user_id, l.ai_feature])).toEqual([
      ["before auth", "req-1", undefined, undefined, undefined],
      ["after auth", "req-1", "t-1", "u-1", undefined],
      ["in ai call", "req-1", "t-1", "u-1", "summary"],
      ["outside", undefined, undefined, undefined, undefined],
    ]);
    expect(lines[0]).toMatchObject({ level: "info", service: "civitas" });
  });

  test("concurrent requests keep their own context", async () => {
    const { lines, logger } = capture();
    await Promise.all(
      ["r-a", "r-b"].map((id) =>
        runWithLogContext({ requestId: id }, async () => {
          await new Promise((r) => setTimeout(r, id === "r-a" ? 10 : 0));
          logger.info(id);
        }),
      ),
    );
    expect(lines.every((l) => l.msg === l.request_id)).toBe(true);
  });

  test("secrets are redacted", () => {
    const { lines, logger } = capture();
    logger.info({ password: "hunter2", user: { password: "x", token: "t" } }, "login");
    expect(JSON.stringify(lines[0])).not.toMatch(/hunter2|"x"|"t"/);
  });
});
