// One public URL for Auth.js (lib/auth/public-url.ts): the sign-in server action builds Auth.js's
// URL from the Host header, the callback route handler from Next.js's request URL (the bind
// address, "localhost" by default); the OAuth redirect_uri of the authorize and token requests
// must nevertheless be the same, on APP_URL. And the start-up check refuses an AUTH_URL that
// disagrees with APP_URL.
import { createActionURL } from "@auth/core";
// Not in next-auth's exports map: the very function its route handlers run on each request.
import { reqWithEnvURL } from "../../node_modules/next-auth/lib/env.js";
import { NextRequest } from "next/server";
import { publicUrlProblem } from "@/lib/auth/public-url-check";
import { onPublicUrl, pinAuthJsUrl } from "@/lib/auth/public-url";
import { parseConfig, resetConfigForTests } from "@/lib/config";

const APP_URL = "http://127.0.0.1:3319";

// The browser is at APP_URL; a proxy in front adds its own X-Forwarded-Host; Next.js's URL of the
// callback request comes from the bind address (`-H 127.0.0.1`), which NextRequest reports as
// "localhost".
const browserHeaders = () => new Headers({ host: "127.0.0.1:3319", "x-forwarded-host": "proxy.internal:8080" });
const callbackRequest = () =>
  new NextRequest("http://127.0.0.1:3319/api/auth/callback/oidc?code=x&state=y", { headers: browserHeaders() });

/** Origin of the URL the sign-in server action hands Auth.js (the authorize request's redirect_uri). */
const actionOrigin = () =>
  createActionURL("signin", "http", browserHeaders(), process.env, { basePath: "/api/auth" }).origin;

describe("Auth.js's URL for one sign-in", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetConfigForTests();
  });

  test("the cause: next-auth's AUTH_URL rewrite of the callback request turns 127.0.0.1 into localhost, and without AUTH_URL the action follows X-Forwarded-Host", () => {
    delete process.env.AUTH_URL;
    expect(actionOrigin()).toBe("http://proxy.internal:8080");
    process.env.AUTH_URL = `${APP_URL}/api/auth`;
    expect(actionOrigin()).toBe(APP_URL);
    expect(new URL(reqWithEnvURL(callbackRequest()).url).origin).toBe("http://localhost:3319");
  });

  test("pinned to APP_URL: the action and the callback route both use APP_URL's origin, whatever the Host, X-Forwarded-Host or bind address", async () => {
    delete process.env.AUTH_URL;
    process.env.APP_URL = APP_URL;
    resetConfigForTests();
    pinAuthJsUrl();
    expect(process.env.AUTH_URL).toBe(`${APP_URL}/api/auth`);
    expect(actionOrigin()).toBe(APP_URL);
    const routed = await onPublicUrl(callbackRequest());
    expect(routed.url).toBe(`${APP_URL}/api/auth/callback/oidc?code=x&state=y`);
    expect(routed.headers.get("x-forwarded-host")).toBe("proxy.internal:8080");
  });

  test("a POST keeps its method, headers and body on the public URL", async () => {
    const post = new NextRequest("http://localhost:3319/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "a=b" },
      body: "csrfToken=t",
    });
    const routed = await onPublicUrl(post, "https://civitas.example.org");
    expect(routed.url).toBe("https://civitas.example.org/api/auth/signout");
    expect(routed.method).toBe("POST");
    expect(routed.headers.get("cookie")).toBe("a=b");
    expect(await routed.text()).toBe("csrfToken=t");
  });
});

describe("start-up check: one public URL", () => {
  test.each([
    [{}, null],
    [{ APP_URL: "https://c.example.org" }, null],
    [{ AUTH_URL: "https://c.example.org" }, null],
    [{ APP_URL: "https://c.example.org", AUTH_URL: "https://c.example.org" }, null],
    [{ APP_URL: "https://c.example.org/", AUTH_URL: "https://c.example.org/api/auth" }, null],
    [{ APP_URL: "https://c.example.org", AUTH_URL: "https://c.example.org/api/auth/" }, null],
  ])("%j is consistent", (c, expected) => {
    expect(publicUrlProblem(c)).toBe(expected);
  });

  test.each([
    [
      { APP_URL: "http://127.0.0.1:3000", AUTH_URL: "http://localhost:3000" },
      /APP_URL's origin \(http:\/\/127\.0\.0\.1:3000\)/,
    ],
    [{ APP_URL: "https://c.example.org", AUTH_URL: "http://c.example.org" }, /APP_URL's origin/],
    [{ APP_URL: "https://c.example.org", AUTH_URL: "https://c.example.org:8443" }, /APP_URL's origin/],
    [{ APP_URL: "https://c.example.org", AUTH_URL: "https://c.example.org/auth" }, /no path or \/api\/auth/],
  ])("%j is refused", (c, message) => {
    expect(publicUrlProblem(c)).toMatch(message);
  });
});

test("the configuration check at start-up refuses an AUTH_URL on another origin than APP_URL", () => {
  expect(() => parseConfig({ APP_URL: "http://127.0.0.1:3000", AUTH_URL: "http://localhost:3000" })).toThrow(
    /AUTH_URL[\s\S]*APP_URL's origin/,
  );
  expect(parseConfig({ APP_URL: "http://127.0.0.1:3000", AUTH_URL: "http://127.0.0.1:3000/api/auth" }).APP_URL).toBe(
    "http://127.0.0.1:3000",
  );
});
