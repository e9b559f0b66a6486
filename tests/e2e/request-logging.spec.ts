// What the production server writes about each request and puts on each response: one access
// line per request (page, server action, API) with route pattern, status, size, ids; the
// security headers on every response, the CSV upload route included (middleware skips it).
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";

const SERVER_LOG = process.env.E2E_SERVER_LOG ?? ".data/e2e-server.log";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type AccessLine = {
  event: string;
  method: string;
  route: string;
  kind: string;
  status: number;
  duration_ms: number;
  bytes: number;
  request_id: string;
  tenant_id: string | null;
  user_id: string | null;
};

/** The access lines of one request id, once the server has written one (it does after the response ends). */
async function accessLines(requestId: string): Promise<AccessLine[]> {
  let lines: AccessLine[] = [];
  await expect
    .poll(() => {
      lines = readFileSync(SERVER_LOG, "utf8")
        .split("\n")
        .filter((l) => l.includes(requestId) && l.includes('"http.access"'))
        .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as AccessLine);
      return lines.length;
    })
    .toBeGreaterThan(0);
  return lines;
}

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("demo@civitas.test");
  await page.getByLabel("Password").fill("civitas-demo");
  const action = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/demo$/);
  return action;
}

test("a page, a server action and an API call each write one access line with the right fields", async ({ page }) => {
  const action = await signIn(page);
  const actionId = action.headers()["x-request-id"]!;
  // The action's redirect is rendered by an internal request of Next's that carries the same
  // request id (it is the same operation): one POST line, and that GET.
  const [actionLine, ...moreAction] = (await accessLines(actionId)).filter((l) => l.method === "POST");
  expect(moreAction).toHaveLength(0);
  expect(actionLine).toMatchObject({ method: "POST", route: "/sign-in", kind: "action", status: action.status() });

  const pageResponse = (await page.goto("/demo/citizens?q=secret-search-term"))!;
  const pageId = pageResponse.headers()["x-request-id"]!;
  const [pageLine, ...morePage] = await accessLines(pageId);
  expect(morePage).toHaveLength(0);
  expect(pageLine).toMatchObject({ method: "GET", route: "/[tenant]/citizens", kind: "page", status: 200 });
  expect(pageLine!.tenant_id).toMatch(UUID);
  expect(pageLine!.user_id).toMatch(UUID);
  expect(pageLine!.bytes).toBeGreaterThan(1000);
  expect(pageLine!.duration_ms).toBeGreaterThan(0);

  const api = await page.request.get("/api/tenants/demo/audit?limit=5");
  expect(api.status()).toBe(200);
  const apiId = api.headers()["x-request-id"]!;
  const [apiLine, ...moreApi] = await accessLines(apiId);
  expect(moreApi).toHaveLength(0);
  expect(apiLine).toMatchObject({
    method: "GET",
    route: "/api/tenants/[tenant]/audit",
    kind: "api",
    status: 200,
    tenant_id: pageLine!.tenant_id,
    user_id: pageLine!.user_id,
  });

  const missing = await page.request.get("/demo/citizens/00000000-0000-4000-8000-000000000000/nothing-here");
  const [missingLine] = await accessLines(missing.headers()["x-request-id"]!);
  expect(missingLine).toMatchObject({ status: 404, route: "(unmatched)" });

  // Never the query string, nor the raw path.
  const log = readFileSync(SERVER_LOG, "utf8");
  expect(log).not.toContain("secret-search-term");
  expect(log).not.toContain("nothing-here");
});

test("a request id sent by the caller is kept; a forged peer-address header is not believed", async ({ request }) => {
  const res = await request.get("/api/health", {
    headers: { "x-request-id": "caller-req-0001", "x-civitas-peer-address": "6.6.6.6", "x-forwarded-for": "7.7.7.7" },
  });
  expect(res.headers()["x-request-id"]).toBe("caller-req-0001");
});

const SECURITY_HEADERS = [
  "content-security-policy",
  "strict-transport-security",
  "x-frame-options",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
];

test("every response carries the security headers, the CSV upload route and static files included", async ({
  page,
  request,
}) => {
  const upload = await request.post("/api/tenants/demo/citizens/imports?fileName=a.csv&mapping=%7B%7D", {
    headers: { "content-type": "text/csv" },
    data: "a,b\n1,2\n",
  });
  expect(upload.status()).toBe(401);
  for (const name of SECURITY_HEADERS) expect(upload.headers()[name], name).toBeTruthy();
  expect(upload.headers()["x-request-id"]).toBeTruthy();

  await signIn(page);
  const signedInUpload = await page.request.post("/api/tenants/demo/citizens/imports?fileName=a.csv&mapping=%7B%7D", {
    headers: { "content-type": "text/csv" },
    data: "a,b\n1,2\n",
  });
  expect(signedInUpload.status()).toBeLessThan(500);
  for (const name of SECURITY_HEADERS) expect(signedInUpload.headers()[name], name).toBeTruthy();

  const html = (await page.goto("/demo"))!;
  const script = await page.evaluate(() =>
    (document.querySelector("script[src^='/_next/static/']") as HTMLScriptElement | null)?.getAttribute("src"),
  );
  expect(script).toBeTruthy();
  const asset = await request.get(script!);
  for (const name of SECURITY_HEADERS.filter((n) => n !== "content-security-policy")) {
    expect(asset.headers()[name], name).toBe(html.headers()[name]);
  }
});
