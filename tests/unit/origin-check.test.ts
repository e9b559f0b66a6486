// The cross-origin rule for state-changing route handlers (lib/http/origin-check.ts) and its
// use in withRequest, the wrapper under every route guard.
jest.mock("@/lib/log/logger", () => ({
  logger: { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() },
}));
import { NextRequest } from "next/server";
import { decideOrigin, type OriginCheckInput } from "@/lib/http/origin-check";
import { withRequest } from "@/lib/http/with-request";
import { resetConfigForTests } from "@/lib/config";

const APP = "http://127.0.0.1:3000";
const base: OriginCheckInput = {
  method: "POST",
  origin: null,
  secFetchSite: null,
  host: "127.0.0.1:3000",
  appOrigin: APP,
  allowRequestHost: false,
};
const decide = (over: Partial<OriginCheckInput>) => decideOrigin({ ...base, ...over });

describe("refused", () => {
  test.each<[string, Partial<OriginCheckInput>, string]>([
    ["another site", { origin: "http://evil.com" }, "foreign_origin"],
    [
      "another port on the same host (same-site, not same-origin)",
      { origin: "http://127.0.0.1:4000" },
      "foreign_origin",
    ],
    ["the default port where the app has another", { origin: "http://127.0.0.1" }, "foreign_origin"],
    ["another scheme", { origin: "https://127.0.0.1:3000" }, "foreign_origin"],
    [
      "a subdomain",
      { appOrigin: "https://app.example", host: "app.example", origin: "https://evil.app.example" },
      "foreign_origin",
    ],
    ["a look-alike prefix", { origin: "http://127.0.0.1:30000" }, "foreign_origin"],
    ["the app as userinfo", { origin: "http://127.0.0.1:3000@evil.com" }, "foreign_origin"],
    ["an opaque origin", { origin: "null" }, "null_origin"],
    ["an opaque origin, upper case", { origin: "NULL" }, "null_origin"],
    ["garbage", { origin: "not a url" }, "malformed_origin"],
    ["a file: origin", { origin: "file://" }, "malformed_origin"],
    ["an empty Origin", { origin: "" }, "malformed_origin"],
    ["PUT from elsewhere", { method: "PUT", origin: "http://evil.com" }, "foreign_origin"],
    ["PATCH from elsewhere", { method: "PATCH", origin: "http://evil.com" }, "foreign_origin"],
    ["DELETE from elsewhere", { method: "DELETE", origin: "http://evil.com" }, "foreign_origin"],
    ["a lower-case method", { method: "post", origin: "http://evil.com" }, "foreign_origin"],
    ["an unknown method", { method: "PURGE", origin: "http://evil.com" }, "foreign_origin"],
    ["Sec-Fetch-Site cross-site", { secFetchSite: "cross-site" }, "cross_site_fetch"],
    ["Sec-Fetch-Site same-site (another port)", { secFetchSite: "same-site" }, "cross_site_fetch"],
    ["Sec-Fetch-Site none", { secFetchSite: "none" }, "cross_site_fetch"],
    ["Sec-Fetch-Site garbage", { secFetchSite: "yes" }, "cross_site_fetch"],
    [
      "a matching Host does not help when the app's origin is configured",
      { origin: "http://evil.com", host: "evil.com" },
      "foreign_origin",
    ],
    [
      "no configured origin: another host than the request's",
      { appOrigin: undefined, origin: "http://evil.com" },
      "foreign_origin",
    ],
    [
      "no configured origin: another port than the request's",
      { appOrigin: undefined, origin: "http://127.0.0.1:4000" },
      "foreign_origin",
    ],
    [
      "no configured origin and no Host",
      { appOrigin: undefined, host: null, origin: "http://127.0.0.1:3000" },
      "foreign_origin",
    ],
  ])("%s", (_name, over, reason) => {
    expect(decide(over)).toEqual({ allowed: false, reason });
  });
});

describe("allowed", () => {
  test.each<[string, Partial<OriginCheckInput>, string]>([
    ["the app's origin", { origin: APP }, "origin"],
    [
      "the app's origin, upper-case host",
      { origin: "http://127.0.0.1:3000".toUpperCase().replace("HTTP", "http") },
      "origin",
    ],
    ["the app's origin with Sec-Fetch-Site same-origin too", { origin: APP, secFetchSite: "same-origin" }, "origin"],
    ["Sec-Fetch-Site same-origin without Origin", { secFetchSite: "same-origin" }, "sec_fetch_site"],
    ["neither header (not a browser)", {}, "not_a_browser"],
    ["GET from anywhere", { method: "GET", origin: "http://evil.com" }, "safe_method"],
    ["HEAD from anywhere", { method: "HEAD", origin: "http://evil.com" }, "safe_method"],
    ["OPTIONS from anywhere", { method: "OPTIONS", origin: "null" }, "safe_method"],
    [
      "no configured origin: the request's own host",
      { appOrigin: undefined, origin: "http://localhost:3000", host: "localhost:3000" },
      "origin",
    ],
    [
      "development: the request's host besides the configured one",
      { allowRequestHost: true, origin: "http://localhost:3000", host: "localhost:3000" },
      "origin",
    ],
  ])("%s", (_name, over, basis) => {
    expect(decide(over)).toEqual({ allowed: true, basis });
  });
});

describe("withRequest refuses before the handler runs", () => {
  const saved = { APP_URL: process.env.APP_URL };
  beforeAll(() => {
    process.env.APP_URL = APP;
    resetConfigForTests();
  });
  afterAll(() => {
    if (saved.APP_URL === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = saved.APP_URL;
    resetConfigForTests();
  });

  const handler = jest.fn(async () => Response.json({ ok: true }));
  const route = withRequest(handler);
  const call = (method: string, headers: Record<string, string>) =>
    route(new NextRequest(`${APP}/api/x`, { method, headers: { host: "127.0.0.1:3000", ...headers } }), {
      params: Promise.resolve({}),
    });

  beforeEach(() => handler.mockClear());

  test.each([
    ["POST", { origin: "http://evil.com" }],
    ["POST", { origin: "http://127.0.0.1:3001" }],
    ["DELETE", { origin: "null" }],
    ["PATCH", { "sec-fetch-site": "cross-site" }],
  ])("%s %j → 403 FORBIDDEN error body, handler not called", async (method, headers) => {
    const res = await call(method, headers);
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("FORBIDDEN");
    expect(typeof body.error.message).toBe("string");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(handler).not.toHaveBeenCalled();
  });

  test.each([
    ["POST", { origin: APP }],
    ["POST", { "sec-fetch-site": "same-origin" }],
    ["POST", {}],
    ["GET", { origin: "http://evil.com" }],
  ])("%s %j → the handler answers", async (method, headers) => {
    const res = await call(method, headers);
    expect(res.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test("an explicit exemption is the only way past it, and only for the requests it names", async () => {
    const exempt = withRequest(handler, {
      originCheckExemption: {
        name: "test: bearer token",
        applies: (req) => req.headers.get("authorization") === "Bearer k",
      },
    });
    const send = (headers: Record<string, string>) =>
      exempt(
        new NextRequest(`${APP}/api/x`, {
          method: "POST",
          headers: { host: "127.0.0.1:3000", origin: "http://evil.com", ...headers },
        }),
        { params: Promise.resolve({}) },
      );
    expect((await send({ authorization: "Bearer k" })).status).toBe(200);
    expect((await send({})).status).toBe(403);
  });
});
