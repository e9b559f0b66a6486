// The Auth.js logger adapter's view of an error (lib/auth/auth-error-log.ts): the whole cause
// chain, as Auth.js and oauth4webapi build it for a refused token exchange, without the
// authorization code, state or tokens that the messages can carry.
import { CallbackRouteError } from "@auth/core/errors";
import { authErrorChain, scrubSecrets } from "@/lib/auth/auth-error-log";

/** As Auth.js itself wraps a failure (`new CallbackRouteError(error, { provider })`); its typings admit only a message. */
const callbackRouteError = (cause: Error, details?: object) =>
  new (CallbackRouteError as unknown as new (e: Error, d?: object) => Error)(cause, details);

/** oauth4webapi's ResponseBodyError, as thrown when the token endpoint answers invalid_grant. */
function responseBodyError() {
  const body = { error: "invalid_grant", error_description: "grant request is invalid" };
  return Object.assign(new Error("server responded with an error in the response body", { cause: body }), {
    name: "ResponseBodyError",
    code: "OAUTH_RESPONSE_BODY_ERROR",
    error: body.error,
    error_description: body.error_description,
    status: 400,
  });
}

test("a refused token exchange logs the outer CallbackRouteError and the provider's invalid_grant under it", () => {
  const chain = authErrorChain(callbackRouteError(responseBodyError(), { provider: "oidc" }));
  expect(chain).toHaveLength(2);
  expect(chain[0]).toMatchObject({ type: "CallbackRouteError" });
  expect(chain[1]).toEqual({
    name: "ResponseBodyError",
    message: "server responded with an error in the response body",
    code: "OAUTH_RESPONSE_BODY_ERROR",
    error: "invalid_grant",
    error_description: "grant request is invalid",
    status: 400,
  });
});

test("plain Error causes are followed to the end, and a cycle stops", () => {
  const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3399"), { code: "ECONNREFUSED" });
  const middle = new TypeError("fetch failed", { cause: inner });
  const outer = new Error("discovery failed", { cause: middle });
  expect(authErrorChain(outer).map((l) => [l.name, l.message, l.code])).toEqual([
    ["Error", "discovery failed", undefined],
    ["TypeError", "fetch failed", undefined],
    ["Error", "connect ECONNREFUSED 127.0.0.1:3399", "ECONNREFUSED"],
  ]);
  const a = new Error("a");
  const b = new Error("b", { cause: a });
  (a as { cause?: unknown }).cause = b;
  expect(authErrorChain(a)).toHaveLength(2);
});

test("codes, state, tokens and query strings never reach the log", () => {
  const message =
    "unexpected redirect to http://127.0.0.1:3319/api/auth/callback/oidc?code=SPLxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj code=abc123 access_token: 2YotnFZFEjr1zCsicMWpAA Bearer mF_9.B5f-4.1JqM id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
  const chain = authErrorChain(callbackRouteError(new Error(message)));
  const logged = JSON.stringify(chain);
  for (const secret of [
    "SPLxlOBeZQQYbYS6WxSbIA",
    "af0ifjsldkj",
    "abc123",
    "2YotnFZFEjr1zCsicMWpAA",
    "mF_9.B5f-4.1JqM",
    "eyJhbGciOiJSUzI1NiJ9",
  ]) {
    expect(logged).not.toContain(secret);
  }
  expect(chain[1]!.message).toContain("http://127.0.0.1:3319/api/auth/callback/oidc?[redacted]");
  expect(scrubSecrets("invalid_grant: grant request is invalid")).toBe("invalid_grant: grant request is invalid");
});

test("something that is not an Error is still logged, as text", () => {
  expect(authErrorChain("boom")).toEqual([{ name: "string", message: "boom" }]);
});
