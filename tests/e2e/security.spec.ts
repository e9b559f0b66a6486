// Security review findings, against the production build: no redirect after sign-in leaves the
// site (lib/auth/safe-redirect.ts), and no state-changing API request is accepted from another
// origin or as a non-JSON body (lib/http/origin-check.ts, lib/http/json-body.ts). Signs up its
// own owner and organisation, so it shares no data with other tests.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const OWNER = { name: "Sam Security", email: `sam-${run}@e2e.test`, password: "a long security password 1" };
const ORG = { name: `Watchtower ${run}`, slug: `watch-${run}` };

test.describe.configure({ mode: "serial" });

/** Opens the newest email to `to` in the development mailbox and follows the link labelled `label`. */
async function followEmailLink(page: Page, to: string, label: string) {
  await page.goto("/dev/mailbox");
  await page
    .getByRole("link", { name: new RegExp(to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
    .first()
    .click();
  await page.getByRole("link", { name: label }).click();
}

async function fillSignIn(page: Page) {
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signedInPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await fillSignIn(page);
  await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));
  return page;
}

async function pendingEmails(api: APIRequestContext): Promise<string[]> {
  const res = await api.get(`/api/tenants/${ORG.slug}/invitations`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { invitations: Array<{ email: string }> }).invitations.map((i) => i.email);
}

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(OWNER.name);
  await page.getByLabel("Work email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Repeat password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
  await followEmailLink(page, OWNER.email, "Verify email");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { name: "Your email address is confirmed" })).toBeVisible();
  await page.goto("/sign-in");
  await fillSignIn(page);
  await expect(page).toHaveURL(/\/no-tenant$/);
  await page.getByRole("link", { name: "Create an organisation" }).click();
  await page.getByLabel("Organisation name").fill(ORG.name);
  await page.getByLabel("Address").fill(ORG.slug);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));
  await context.close();
});

// Raw query strings, as an attacker would link them.
const CALLBACK_PAYLOADS = [
  "/%09/evil.example/x",
  "/%5C%09/evil.example/x",
  "/%09%5Cevil.example/x",
  "//evil.example/x",
  "/%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/.%5Cevil.example",
  "https://evil.example/x",
  "javascript:alert(document.domain)",
  "/%EF%BC%8F%EF%BC%8Fevil.example",
  "/%0D%0ASet-Cookie:%20x=1",
];

// One test per payload: each is a full sign-in (a password hash), slow on a loaded machine.
for (const payload of CALLBACK_PAYLOADS) {
  test(`sign-in with callbackUrl=${payload} ends on the app's own origin`, async ({ page, baseURL }) => {
    const res = await page.goto(`/sign-in?callbackUrl=${payload}`);
    expect(res?.status()).toBe(200);
    await fillSignIn(page);
    await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}

for (const value of ["/\t/evil.example/x", "/\\\t\\evil.example", "/\r\nLocation: http://evil.example", "/demo\r\n"]) {
  test(`a tampered sign-in form (callbackUrl ${JSON.stringify(value)}) is not followed and gives no 500`, async ({
    page,
    baseURL,
  }) => {
    await page.goto("/sign-in");
    // The page drops a bad value itself; put it back as an attacker's own form would.
    await page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Sign in" }) })
      .evaluate((form, v) => {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "callbackUrl";
        input.value = v;
        form.appendChild(input);
      }, value);
    const statuses: number[] = [];
    page.on("response", (r) => statuses.push(r.status()));
    await fillSignIn(page);
    await expect(page).toHaveURL(new RegExp(`/${ORG.slug}$`));
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
}

test("Auth.js's own callbackUrl cannot leave the site either", async ({ request, baseURL }) => {
  const app = new URL(baseURL!).origin;
  for (const payload of ["https://evil.example/x", "/%09/evil.example/x", "/%0D%0Ax"]) {
    const res = await request.get(`/api/auth/signin?callbackUrl=${payload}`, { maxRedirects: 0 });
    expect({ payload, ok: res.status() < 500 }).toEqual({ payload, ok: true });
    const location = res.headers()["location"];
    if (location) expect(new URL(location, app).origin).toBe(app);
  }
});

test("cross-origin API writes are refused with 403 and create nothing", async ({ browser, baseURL }) => {
  const page = await signedInPage(browser);
  const api = page.request;
  const app = new URL(baseURL!).origin;
  const path = `/api/tenants/${ORG.slug}/invitations`;
  const attempts: Array<[string, Record<string, string>]> = [
    ["another site", { origin: "http://evil.com" }],
    ["another port on the same host", { origin: `http://127.0.0.1:${Number(new URL(app).port) + 1}` }],
    ["an opaque origin", { origin: "null" }],
    ["a cross-site fetch without Origin", { "sec-fetch-site": "cross-site" }],
    ["a same-site fetch without Origin", { "sec-fetch-site": "same-site" }],
  ];
  for (const [name, headers] of attempts) {
    const email = `csrf-${name.replace(/\W+/g, "-")}-${run}@e2e.test`;
    const res = await api.post(path, {
      headers: { ...headers, "content-type": "application/json" },
      data: { email, role: "ADMIN" },
    });
    expect({ name, status: res.status() }).toEqual({ name, status: 403 });
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    expect(await pendingEmails(api)).not.toContain(email);
  }
  await page.context().close();
});

test("a JSON body sent as text/plain from the app's own origin is refused (415)", async ({ browser, baseURL }) => {
  const page = await signedInPage(browser);
  const email = `plain-${run}@e2e.test`;
  const res = await page.request.post(`/api/tenants/${ORG.slug}/invitations`, {
    headers: { origin: new URL(baseURL!).origin, "content-type": "text/plain;charset=UTF-8" },
    data: JSON.stringify({ email, role: "ADMIN" }),
  });
  expect(res.status()).toBe(415);
  expect((await res.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  expect(await pendingEmails(page.request)).not.toContain(email);
  await page.context().close();
});

test("a page on another port of the same host cannot create an invitation with the user's cookie", async ({
  browser,
  baseURL,
}) => {
  const page = await signedInPage(browser);
  const email = `sameport-${run}@e2e.test`;
  const target = `${new URL(baseURL!).origin}/api/tenants/${ORG.slug}/invitations`;
  // The reported attack: a text/plain form whose body is JSON, from a same-site page (the
  // session cookie is SameSite=Lax, so it rides along).
  const field = JSON.stringify({ email, role: "ADMIN", pad: "" }).slice(0, -2);
  const html = `<!doctype html><form method="POST" action="${target}" enctype="text/plain"><input type="hidden" name='${field}' value='"}'></form><script>document.forms[0].submit()</script>`;
  const server: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const evil = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const response = page.waitForResponse((r) => r.url() === target && r.request().method() === "POST");
    await page.goto(evil);
    const res = await response;
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    expect(await pendingEmails(page.request)).not.toContain(email);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await page.context().close();
  }
});

test("the app's own JSON requests still work: from its pages and with its Origin", async ({ browser, baseURL }) => {
  const page = await signedInPage(browser);
  const path = `/api/tenants/${ORG.slug}/invitations`;
  // From the app's page: the browser itself sets Origin (and Sec-Fetch-Site).
  const fromPage = `page-${run}@e2e.test`;
  const status = await page.evaluate(
    async ([url, email]) =>
      (
        await fetch(url!, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, role: "VIEWER" }),
        })
      ).status,
    [path, fromPage],
  );
  expect(status).toBe(201);
  // A client that names the app's origin.
  const withOrigin = `origin-${run}@e2e.test`;
  const res = await page.request.post(path, {
    headers: { origin: new URL(baseURL!).origin, "content-type": "application/json; charset=utf-8" },
    data: JSON.stringify({ email: withOrigin, role: "VIEWER" }),
  });
  expect(res.status()).toBe(201);
  expect(await pendingEmails(page.request)).toEqual(expect.arrayContaining([fromPage, withOrigin]));
  await page.context().close();
});
