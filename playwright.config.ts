// End-to-end tests in the machine's own Chromium (never a downloaded browser). Started by
// scripts/e2e.mjs, which builds the app and picks the database.
import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { appPort as port, secondAppPort } from "./tests/support/e2e-ports";

const baseURL = `http://127.0.0.1:${port}`;
// The server's whole output also goes to this file, which scripts/e2e.mjs scans for secrets
// (scripts/log-scan.mjs) once every test has run.
const serverLog = process.env.E2E_SERVER_LOG ?? ".data/e2e-server.log";
// Single sign-on: a real OpenID Provider over https (tests/support/oidc-provider.ts), started
// before the app so that its generated certificate exists when the app trusts it.
const oidc = {
  port: Number(process.env.E2E_OIDC_PORT ?? 3399),
  caFile: path.resolve(".data/e2e-oidc/ca.pem"),
  secret: randomBytes(24).toString("base64url"),
};

// The offline demo model (tests/support/anthropic-server.ts in demo mode): the app makes its
// real SDK calls to it through ANTHROPIC_BASE_URL. Chunks every 120 ms, so a streamed answer
// lasts long enough for a person (and a test) to cancel it halfway.
const aiPort = Number(process.env.E2E_AI_PORT ?? 3212);

// Billing: the local Stripe stand-in (tests/support/stripe-server.ts): the app's SDK calls go
// there, and its checkout page delivers signed webhooks to the app before redirecting back.
const stripePort = Number(process.env.E2E_STRIPE_PORT ?? 3215);
const stripeWebhookSecret = "whsec_e2e_local";

// One secret for both app instances: a session made on one is valid on the other.
const authSecret = process.env.AUTH_SECRET ?? randomBytes(32).toString("base64");

function appServer(on: number) {
  return {
    command: `mkdir -p "${path.dirname(serverLog)}" && npx next start -p ${on} -H 127.0.0.1 2>&1 | tee -a "${serverLog}"`,
    url: `http://127.0.0.1:${on}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: authSecret,
      CIVITAS_DEMO_HINT: "1",
      // Emails land in /dev/mailbox, where the identity tests read their links.
      DEV_MAILBOX: "1",
      APP_URL: baseURL,
      // Set by scripts/e2e.mjs, which also seeds with them (fixed test keys).
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `e2e1:${Buffer.alloc(32, 7).toString("base64")}`,
      BLIND_INDEX_KEY: process.env.BLIND_INDEX_KEY ?? Buffer.alloc(32, 9).toString("base64"),
      // info: the access log and every event line, so the log scan sees what production writes.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
      // The server logs in as the unprivileged role scripts/e2e.mjs prepared, never the owner.
      ...(process.env.DATABASE_URL
        ? { DATABASE_URL: process.env.E2E_SERVER_DATABASE_URL ?? process.env.DATABASE_URL }
        : { PGLITE_DATA_DIR: process.env.E2E_PGLITE_DATA_DIR ?? ".data/e2e" }),
      AUTH_OIDC_ISSUER: `https://127.0.0.1:${oidc.port}`,
      AUTH_OIDC_ID: "civitas",
      AUTH_OIDC_SECRET: oidc.secret,
      NODE_EXTRA_CA_CERTS: oidc.caFile,
      // `next start` runs as production: the demo model must be allowed there explicitly.
      AI_DEMO: "1",
      AI_DEMO_ALLOW_PRODUCTION: "1",
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${aiPort}`,
      STRIPE_SECRET_KEY: "sk_test_e2e_local",
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      STRIPE_API_BASE: `http://127.0.0.1:${stripePort}`,
    },
  };
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Budgets for a loaded machine (CI shares its cores): a sign-in hashes a password and a test
  // that creates its own organisation and people takes many round trips. Too short a budget
  // fails correct tests there; a wrong test still fails, only later.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "npx tsx tests/support/oidc-provider.ts",
      url: `https://127.0.0.1:${oidc.port}/.well-known/openid-configuration`,
      ignoreHTTPSErrors: true,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        OIDC_PORT: String(oidc.port),
        OIDC_CA_FILE: oidc.caFile,
        OIDC_CLIENT_SECRET: oidc.secret,
        APP_URL: baseURL,
      },
    },
    {
      command: "npx tsx scripts/demo-ai.ts --wire-only",
      port: aiPort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { AI_DEMO_PORT: String(aiPort), AI_DEMO_CHUNK_DELAY_MS: "120" },
    },
    {
      command: "npx tsx scripts/stripe-local.ts",
      port: stripePort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        STRIPE_LOCAL_PORT: String(stripePort),
        STRIPE_LOCAL_WEBHOOK_URL: `${baseURL}/api/webhooks/stripe`,
        STRIPE_LOCAL_WEBHOOK_SECRET: stripeWebhookSecret,
      },
    },
    appServer(port),
    // A second instance on the same database (PostgreSQL only: the embedded database is one
    // process): tests/e2e/live-updates.spec.ts checks that an event published by one instance
    // reaches a browser connected to the other.
    ...(secondAppPort ? [appServer(secondAppPort)] : []),
  ],
});
