// Requests Next.js fails on before our code runs (lib/http/malformed-request.ts, called by the
// middleware): a path that does not percent-decode to UTF-8 and an oversized server action body
// get the normal error body (API) or a 404 page instead of an unlogged plain-text 500; and the
// client side of the action limit (lib/http/action-body.ts) says "too large" instead of throwing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { ACTION_BODY_LIMIT_BYTES, sendAction, TOO_LARGE_MESSAGE } from "@/lib/http/action-body";
import { malformedRequestResponse, pathDecodes } from "@/lib/http/malformed-request";

const HEADERS = { "x-frame-options": "DENY" };
const request = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) =>
  new NextRequest(new URL(url, "http://localhost:3000"), init);

test.each([
  "/demo/citizens/%FF",
  "/demo/citizens/%E0%A4%A",
  "/api/tenants/%FF/audit",
  "/%C0%AF",
  "/demo/cases/%ED%A0%80",
])("%s does not decode", (p) => {
  expect(pathDecodes(p)).toBe(false);
});

test.each([
  "/",
  "/demo/citizens/0d3c5a9e-1b2c-4d5e-8f90-123456789abc",
  "/demo/citizens/%C3%A9",
  "/api/tenants/demo/audit",
  "/a%20b",
])("%s decodes", (p) => {
  expect(pathDecodes(p)).toBe(true);
  expect(malformedRequestResponse(request(p), "req-1", HEADERS)).toBeNull();
});

test("an API path that does not decode: 404 with the error body, the request id and the security headers", async () => {
  const res = malformedRequestResponse(request("/api/tenants/%FF/audit"), "req-1", HEADERS)!;
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({
    error: { code: "NOT_FOUND", message: expect.stringContaining("not valid UTF-8") },
  });
  expect(res.headers.get("x-request-id")).toBe("req-1");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
});

test("a page path that does not decode: a 404 page", async () => {
  const res = malformedRequestResponse(request("/demo/citizens/%FF"), "req-2", HEADERS)!;
  expect(res.status).toBe(404);
  expect(res.headers.get("content-type")).toContain("text/html");
  expect(await res.text()).toContain("Page not found");
});

test("a server action body over the limit: 413 with the error body; at the limit it goes on", async () => {
  const action = (bytes: number) =>
    request("/demo/citizens/new", {
      method: "POST",
      headers: { "next-action": "abc123", "content-length": String(bytes) },
    });
  const res = malformedRequestResponse(action(ACTION_BODY_LIMIT_BYTES + 1), "req-3", HEADERS)!;
  expect(res.status).toBe(413);
  expect(await res.json()).toEqual({
    error: { code: "VALIDATION_FAILED", message: expect.stringContaining("too large") },
  });
  expect(malformedRequestResponse(action(ACTION_BODY_LIMIT_BYTES), "req-3", HEADERS)).toBeNull();
});

test("next.config.mjs states the same server action limit", () => {
  const config = readFileSync(path.join(__dirname, "../../next.config.mjs"), "utf8");
  expect(config).toMatch(/serverActions:\s*\{\s*bodySizeLimit:\s*"1mb"\s*\}/);
  expect(ACTION_BODY_LIMIT_BYTES).toBe(1024 * 1024);
});

describe("sendAction (the client forms)", () => {
  test("an input over the limit is not sent: the form gets the too-large message", async () => {
    const call = jest.fn();
    const result = await sendAction({ notes: "é".repeat(600_000) }, call);
    expect(result).toEqual({ ok: false, code: "VALIDATION_FAILED", message: TOO_LARGE_MESSAGE });
    expect(call).not.toHaveBeenCalled();
    const form = new FormData();
    form.set("notes", "x".repeat(ACTION_BODY_LIMIT_BYTES + 1));
    expect(await sendAction(form, call)).toMatchObject({ ok: false, message: TOO_LARGE_MESSAGE });
  });

  test("a call that rejects (Next's error for a refused body) becomes a failure, not an uncaught error", async () => {
    await expect(
      sendAction({ a: "b" }, () => Promise.reject(new Error("An unexpected response was received from the server."))),
    ).resolves.toMatchObject({ ok: false });
    await expect(sendAction({ a: "b" }, () => Promise.resolve({ ok: true, data: 1 }))).resolves.toEqual({
      ok: true,
      data: 1,
    });
  });

  test("redirect() and notFound() still pass through", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/x;307;" });
    await expect(sendAction({}, () => Promise.reject(redirect))).rejects.toBe(redirect);
  });
});
