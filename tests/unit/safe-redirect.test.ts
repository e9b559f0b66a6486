// The one redirect decision (lib/auth/safe-redirect.ts) against known open-redirect payloads,
// and a scan of the source that fails when a redirect parameter is read without it or a second
// hand-rolled check appears.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { authRedirect, safeRedirectPath, sameOriginPath } from "@/lib/auth/safe-redirect";

const APP = "https://app.example";

// Every one of these leaves the site, injects a header or hides a separator when followed by
// some browser or proxy: all must be refused.
const REFUSED: Array<[string, string]> = [
  ["protocol-relative", "//evil.example"],
  ["three slashes", "///evil.example"],
  ["slash backslash", "/\\evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["tab after the slash (the reported bypass)", "/\t/evil.example/x"],
  ["encoded tab", "/%09/evil.example/x"],
  ["double-encoded tab", "/%2509/evil.example/x"],
  ["tab hidden behind a non-UTF-8 byte", "/%FF%09/evil.example"],
  ["newline after the slash", "/\n/evil.example"],
  ["encoded newline", "/%0a/evil.example"],
  ["CR LF header injection", "/\r\nLocation: http://evil.example"],
  ["encoded CR LF header injection", "/%0d%0aSet-Cookie:%20x=1"],
  ["double-encoded CR LF", "/demo%250d%250aSet-Cookie:x=1"],
  ["NUL", "/\u0000//evil.example"],
  ["encoded NUL", "/%00/evil.example"],
  ["DEL", "/\u007f/evil.example"],
  ["C1 control (NEL)", "/\u0085/evil.example"],
  ["encoded slashes", "/%2f%2fevil.example"],
  ["encoded second slash", "/%2F/evil.example"],
  ["double-encoded slashes", "/%252f%252fevil.example"],
  ["triple-encoded slashes", "/%25252f%25252fevil.example"],
  ["split escapes", "/%%32%66/evil.example"],
  ["encoded slashes without a leading slash", "%2F%2Fevil.example"],
  ["encoded backslash", "/%5cevil.example"],
  ["double-encoded backslash", "/%255cevil.example"],
  ["dot backslash", "/.\\evil.example"],
  ["dot slash backslash", "/./\\evil.example"],
  ["dot segment collapsing to //", "/.//evil.example"],
  ["parent segment collapsing to //", "/..//evil.example"],
  ["parents past the root collapsing to //", "/a/../..//evil.example"],
  ["encoded dot segment collapsing to //", "/%2e//evil.example"],
  ["absolute https", "https://evil.example"],
  ["absolute with our host as userinfo", "https://app.example@evil.example/"],
  ["scheme without slashes", "http:evil.example"],
  ["javascript:", "javascript:alert(1)"],
  ["javascript: mixed case", "JaVaScRiPt:alert(document.domain)"],
  ["javascript: with a leading space", " javascript:alert(1)"],
  ["javascript: with a leading tab", "\tjavascript:alert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["data: base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
  ["vbscript:", "vbscript:msgbox(1)"],
  ["userinfo after //", "//user@evil.example"],
  ["userinfo with password", "//user:pass@evil.example/x"],
  ["userinfo after a backslash", "/\\user@evil.example"],
  ["full-width slashes", "/\uff0f\uff0fevil.example"],
  ["encoded full-width slashes", "/%EF%BC%8F%EF%BC%8Fevil.example"],
  ["full-width backslash", "/\uff3cevil.example"],
  ["division slash", "/\u2215\u2215evil.example"],
  ["fraction slash", "/\u2044evil.example"],
  ["ideographic full stops", "/\u3002\u3002/evil.example"],
  ["full-width full stop", "/\uff0e\uff0e/evil.example"],
  ["zero-width space", "/\u200b/evil.example"],
  ["right-to-left override", "/\u202eelpmaxe.live//"],
  ["no-break space", "/\u00a0/evil.example"],
  ["line separator", "/\u2028/evil.example"],
  ["byte-order mark", "/\ufeff/evil.example"],
  ["leading space then //", " //evil.example"],
  ["relative path", "evil.example"],
  ["dot relative", "./evil.example"],
  ["query only", "?next=//evil.example"],
  ["hash only", "#x"],
  ["far too long", `/${"a".repeat(3000)}`],
  ["encoded deeper than anyone would", "/%25252525252f"],
];

// Odd-looking but on the site: followed, they stay on the app's origin.
const HARMLESS: Array<[string, string]> = [
  ["/@evil.example", "/@evil.example"],
  ["/javascript:alert(1)", "/javascript:alert(1)"],
  ["/demo?next=//evil.example", "/demo?next=//evil.example"],
  ["/demo/%2e%2e/cases", "/cases"],
];

const VALID: Array<[string, string]> = [
  ["/", "/"],
  ["/demo", "/demo"],
  ["/demo/cases?x=1", "/demo/cases?x=1"],
  ["/demo/cases?status=open&page=2#timeline", "/demo/cases?status=open&page=2#timeline"],
  ["/demo/citizens?q=M%C3%BCller", "/demo/citizens?q=M%C3%BCller"],
  ["/demo/citizens?q=100%25", "/demo/citizens?q=100%25"],
  ["/demo/citizens?q=a%20b", "/demo/citizens?q=a%20b"],
  ["/demo/./cases", "/demo/cases"],
  ["/demo/citizens/0b7e5c1e-8a0f-4a43-9d1e-2f0c2a4b6c8d", "/demo/citizens/0b7e5c1e-8a0f-4a43-9d1e-2f0c2a4b6c8d"],
  ["/invitations/Ab_c-123", "/invitations/Ab_c-123"],
  ["/verify-email", "/verify-email"],
  ["/admin/users", "/admin/users"],
  ["/demo/citizens?q=Müller", "/demo/citizens?q=M%C3%BCller"],
];

describe("refused: open-redirect payloads", () => {
  test("the table is the promised size", () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(30);
  });
  test.each(REFUSED)("%s: %j", (_name, payload) => {
    expect(sameOriginPath(payload)).toBeNull();
    expect(safeRedirectPath(payload)).toBeNull();
    expect(authRedirect({ url: payload, baseUrl: APP })).toBe(APP);
  });
});

describe("harmless oddities stay paths on the site", () => {
  test.each(HARMLESS)("%j → %j", (payload, expected) => {
    expect(safeRedirectPath(payload)).toBe(expected);
    expect(new URL(expected, APP).origin).toBe(APP);
  });
});

describe("valid destinations pass, normalised", () => {
  test.each(VALID)("%j → %j", (payload, expected) => {
    expect(safeRedirectPath(payload)).toBe(expected);
  });
});

test("whatever passes is plain ASCII and, read as a browser reads it, stays on the origin", () => {
  for (const [, payload] of [...REFUSED, ...HARMLESS, ...VALID]) {
    const out = safeRedirectPath(payload);
    if (out === null) continue;
    expect(out).toMatch(/^\/[\x21-\x7e]*$/);
    // Browsers drop tabs and newlines and read "\" as "/" before resolving.
    expect(new URL(out.replace(/[\t\n\r]/g, "").replace(/\\/g, "/"), APP).origin).toBe(APP);
  }
});

describe("sign-in rules", () => {
  test.each([
    ["/sign-in"],
    ["/sign-in?callbackUrl=/demo"],
    ["/SIGN-IN"],
    ["/%73ign-in"],
    ["/sign-in/continue"],
    ["/api"],
    ["/api/auth/signout"],
    ["/API/tenants/demo/invitations"],
    ["/%61pi/auth/signout"],
  ])("%j is not a destination after sign-in", (payload) => {
    expect(safeRedirectPath(payload)).toBeNull();
  });
  test("non-strings and empty values are refused", () => {
    for (const v of [undefined, null, "", 42, ["/demo"], { toString: () => "/demo" }])
      expect(safeRedirectPath(v)).toBeNull();
  });
});

describe("Auth.js redirect callback", () => {
  test.each([
    ["/sign-in", `${APP}/sign-in`],
    ["/demo", `${APP}/demo`],
    [`${APP}/demo?x=1`, `${APP}/demo?x=1`],
    [APP, `${APP}/`],
    ["https://evil.example/", APP],
    ["https://app.example.evil.example/x", APP],
    [`${APP}//evil.example`, APP],
    [`${APP}/\t/evil.example`, APP],
    ["http://app.example/demo", APP],
    ["https://app.example:8443/demo", APP],
  ])("%j → %j", (url, expected) => {
    expect(authRedirect({ url, baseUrl: APP })).toBe(expected);
  });
  test("its own answer is accepted again (Auth.js keeps it in a cookie and re-checks it)", () => {
    const once = authRedirect({ url: "/demo/cases?x=1", baseUrl: APP });
    expect(authRedirect({ url: once, baseUrl: APP })).toBe(once);
  });
});

// Every place that reads a redirect target from the request must use the one function, and
// no file grows its own prefix check.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}
const ALL = [...sources("app"), ...sources("lib"), ...sources("components"), "middleware.ts"];
const HELPER = path.join("lib", "auth", "safe-redirect.ts");

test("every read of a redirect parameter goes through lib/auth/safe-redirect", () => {
  const READS =
    /(?:formData|searchParams|params|query)\s*(?:\.get\(\s*|\.|\[\s*)["']?(?:callbackUrl|redirectTo|returnTo|redirect|next|from)["']?/;
  const offenders = ALL.filter(
    (f) =>
      f !== HELPER &&
      READS.test(readFileSync(f, "utf8")) &&
      !readFileSync(f, "utf8").includes("@/lib/auth/safe-redirect"),
  );
  // The audit filter's `from` is a date, not a destination.
  expect(
    offenders.filter((f) => !f.startsWith(path.join("lib", "audit")) && !f.includes(`${path.sep}audit${path.sep}`)),
  ).toEqual([]);
});

test("no second redirect check: nobody else tests for a leading // or backslash", () => {
  const HAND_ROLLED = /startsWith\(\s*["'`](?:\/\/|\/\\\\)|new URL\([^)]*\)\.origin\s*===/;
  expect(ALL.filter((f) => f !== HELPER && HAND_ROLLED.test(readFileSync(f, "utf8")))).toEqual([]);
});
