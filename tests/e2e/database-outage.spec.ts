// The operator's restart probe, as a test: a second production server (`next start` on the
// build the suite already made) whose DATABASE_URL goes through a TCP proxy that the test cuts
// and restores (no root, no real restart). A signed-in client polls a list page and an API
// route: during the outage both answer 503 with Retry-After — never a 307 to sign-in, never a
// 401 — and the server writes at most one error line per failed request (rate-limited); after
// restore both answer 200 with the very same session cookie.
// PostgreSQL only: the embedded database runs inside the server, with no connection to cut.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { freePort } from "../support/free-port";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

const DEMO = { email: "demo@civitas.test", password: "civitas-demo" };
// The unprivileged login scripts/e2e.mjs prepared: production refuses a superuser login.
const upstream = process.env.E2E_SERVER_DATABASE_URL ?? process.env.DATABASE_URL;
// A free port: a fixed one collided with the run's second app instance (E2E_PORT+1), and this
// test then polled a server whose database was never cut.
let port: number;
let base: string;

test.skip(!upstream, "needs PostgreSQL (DATABASE_URL): the embedded database has no connection to cut");

let proxy: TcpProxy;
let server: ChildProcess;
const serverLines: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const url = new URL(upstream!);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${proxy.port}`;
  // Next's own binary under node (not npx), so that killing it in afterAll stops the server.
  server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        AUTH_SECRET: randomBytes(32).toString("base64"),
        APP_URL: base,
        LOG_LEVEL: "warn",
        // No SMTP here: production refuses to start unless dropping emails is explicitly allowed.
        EMAIL_DROP_ALLOWED: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let buffered = "";
  server.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    serverLines.push(...lines);
  });
  server.stderr!.on("data", (chunk: Buffer) => serverLines.push(...chunk.toString().split("\n")));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`second server did not start:\n${serverLines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (process.env.E2E_OUTAGE_LOG)
    (await import("node:fs")).writeFileSync(process.env.E2E_OUTAGE_LOG, serverLines.join("\n"));
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await proxy?.close();
});

const outageLines = () =>
  serverLines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return parsed.event === "db.unavailable" ? [parsed] : [];
    } catch {
      return [];
    }
  });

test("database cut: list page and API answer 503 (never 307/401); restored: 200 with the same cookie", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/demo$/);

  const listPage = `${base}/demo/citizens`;
  const api = `${base}/api/tenants/demo/audit`;
  const get = (url: string) => page.request.get(url, { maxRedirects: 0 });
  expect((await get(listPage)).status()).toBe(200);
  expect((await get(api)).status()).toBe(200);
  const cookiesBefore = (await context.cookies(base)).filter((c) => c.name.includes("session-token"));
  expect(cookiesBefore).toHaveLength(1);

  const linesBefore = outageLines().length;
  proxy.cut();
  const seen: Array<{ url: string; status: number; retryAfter: string | null }> = [];
  const until = Date.now() + 2_500;
  while (Date.now() < until) {
    for (const url of [listPage, api]) {
      const res = await get(url);
      seen.push({ url, status: res.status(), retryAfter: res.headers()["retry-after"] ?? null });
    }
  }
  expect(seen.length).toBeGreaterThan(4);
  expect(seen.filter((s) => s.status !== 503)).toEqual([]);
  expect(seen.every((s) => Number(s.retryAfter) > 0)).toBe(true);
  const pageBody = await (await get(listPage)).text();
  expect(pageBody).toContain("We can't reach the database — retrying");

  proxy.restore();
  await expect.poll(async () => (await get(listPage)).status(), { timeout: 15_000 }).toBe(200);
  expect((await get(api)).status()).toBe(200);
  const cookiesAfter = (await context.cookies(base)).filter((c) => c.name.includes("session-token"));
  expect(cookiesAfter.map((c) => c.value)).toEqual(cookiesBefore.map((c) => c.value));

  // At most one line per failed request (rate-limited: far fewer), each with what support needs.
  await expect.poll(() => outageLines().length - linesBefore, { timeout: 5_000 }).toBeGreaterThan(0);
  const lines = outageLines().slice(linesBefore);
  expect(lines.length).toBeLessThanOrEqual(seen.length + 1);
  test.info().annotations.push({
    type: "outage",
    description: `${seen.length} requests during the cut, all 503; ${lines.length} error line(s) logged`,
  });
  for (const line of lines)
    expect(line).toMatchObject({
      level: "error",
      request_id: expect.any(String),
      route: expect.any(String),
      db_code: expect.any(String),
      user_id: expect.any(String),
    });
});
