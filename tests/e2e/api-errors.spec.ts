// Bad input to every tenant API answers a 4xx with the {"error":{code,message}} body, never a
// 500; signed out is 401; another tenant is 404.
import { expect, test, type APIRequestContext } from "@playwright/test";

const JOB = "00000000-0000-4000-8000-000000000000";

async function signedIn(request: APIRequestContext, page: import("@playwright/test").Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("demo@civitas.test");
  await page.getByLabel("Password").fill("civitas-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/demo$/);
  return page.request;
}

function expectError(status: number, body: unknown, code?: string) {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  const error = (body as { error?: { code?: string; message?: string } }).error;
  expect(typeof error?.message).toBe("string");
  if (code) expect(error?.code).toBe(code);
}

test("signed out, every tenant API answers 401 JSON", async ({ request }) => {
  for (const path of [
    "/api/tenants/demo/audit",
    "/api/tenants/demo/citizens/export",
    "/api/tenants/demo/invitations",
    `/api/tenants/demo/citizens/imports/${JOB}`,
  ]) {
    const res = await request.get(path);
    expectError(res.status(), await res.json(), "UNAUTHORIZED");
  }
});

test("malformed input answers 400/404/409 with an error body, never 500", async ({ page }) => {
  const api = await signedIn(page.request, page);
  const cases: Array<[string, () => Promise<import("@playwright/test").APIResponse>]> = [
    [
      "invitation: not JSON",
      () =>
        api.post("/api/tenants/demo/invitations", { headers: { "content-type": "application/json" }, data: "{nope" }),
    ],
    [
      "invitation: bad email and role",
      () => api.post("/api/tenants/demo/invitations", { data: { email: "x", role: "GOD" } }),
    ],
    ["audit: bad date", () => api.get("/api/tenants/demo/audit?from=yesterday")],
    ["audit: bad cursor", () => api.get("/api/tenants/demo/audit?cursor=abc")],
    ["audit export: bad actor", () => api.get("/api/tenants/demo/audit/export?actorId=nope")],
    ["citizens export: bad sort", () => api.get("/api/tenants/demo/citizens/export?sort=sideways")],
    ["citizens export: bad custom field filter", () => api.get("/api/tenants/demo/citizens/export?field=%%%")],
    ["import job: not a uuid", () => api.get("/api/tenants/demo/citizens/imports/not-a-uuid")],
    ["import job: unknown", () => api.get(`/api/tenants/demo/citizens/imports/${JOB}`)],
    ["import rows: bad kind", () => api.get(`/api/tenants/demo/citizens/imports/${JOB}/rows?kind=everything`)],
    [
      "import commit: bad mode",
      () => api.post(`/api/tenants/demo/citizens/imports/${JOB}/commit`, { data: { mode: "some" } }),
    ],
    [
      "import upload: no mapping",
      () =>
        api.post("/api/tenants/demo/citizens/imports", { headers: { "content-type": "text/csv" }, data: "a,b\n1,2\n" }),
    ],
    [
      "import preview: empty body",
      () =>
        api.post("/api/tenants/demo/citizens/imports/preview", { headers: { "content-type": "text/csv" }, data: "" }),
    ],
    ["another tenant's import job", () => api.get(`/api/tenants/no-such-tenant/citizens/imports/${JOB}`)],
  ];
  for (const [name, call] of cases) {
    const res = await call();
    const body = await res.json().catch(() => ({}));
    expect({ name, status: res.status() < 500 && res.status() >= 400 }).toEqual({ name, status: true });
    expectError(res.status(), body);
  }
});
