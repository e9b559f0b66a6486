// Route handlers' responses carry the security headers themselves: the CSV upload route is
// outside middleware's matcher, so nothing else would add them.
import { NextRequest } from "next/server";
import { withRequest } from "@/lib/http/with-request";
import { securityHeaders } from "@/lib/http/security-headers";
import STATIC_SECURITY_HEADERS from "@/lib/http/static-security-headers.json";

const NAMES = Object.keys(securityHeaders("n", { dev: false, https: false })).sort();

test.each([
  ["a JSON response", () => Response.json({ ok: true }, { status: 201 })],
  ["a redirect (immutable headers)", () => Response.redirect("http://127.0.0.1/x", 303)],
  [
    "a thrown error",
    () => {
      throw new Error("boom");
    },
  ],
])("%s gets every security header", async (_label, make) => {
  const route = withRequest(async () => make());
  const res = await route(new NextRequest("http://127.0.0.1/api/tenants/demo/citizens/imports", { method: "POST" }), {
    params: Promise.resolve({}),
  });
  for (const name of NAMES) expect(res.headers.get(name)).toBeTruthy();
  expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  expect(res.headers.get("x-request-id")).toBeTruthy();
});

test("the static headers are the ones middleware sets, so every path gets the same", () => {
  const all = securityHeaders("n", { dev: false, https: true });
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(all[name]).toBe(value);
  expect(Object.keys(all).sort()).toEqual([...Object.keys(STATIC_SECURITY_HEADERS), "content-security-policy"].sort());
});

test("a header the handler set itself is kept", async () => {
  const route = withRequest(async () => new Response("x", { headers: { "content-security-policy": "sandbox" } }));
  const res = await route(new NextRequest("http://127.0.0.1/api/x"), { params: Promise.resolve({}) });
  expect(res.headers.get("content-security-policy")).toBe("sandbox");
});
