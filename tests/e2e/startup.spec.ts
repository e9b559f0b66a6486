// A server started with a bad configuration must stop at once, non-zero, naming the variable.
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { freePort } from "../support/free-port";

async function startWith(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = String(await freePort());
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not stop within 60 s:\n${output}`));
    }, 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("a malformed DATABASE_URL stops the server with a message naming it", async () => {
  const { code, output } = await startWith({ DATABASE_URL: "mysql://nope", AUTH_SECRET: "x".repeat(40) });
  expect(code).not.toBe(0);
  expect(output).toContain("DATABASE_URL");
  expect(output).toContain("postgresql://");
});

test("production without AUTH_SECRET refuses to start", async () => {
  const { code, output } = await startWith({ AUTH_SECRET: "", PGLITE_DATA_DIR: "memory://" });
  expect(code).not.toBe(0);
  expect(output).toContain("AUTH_SECRET");
});

test("an unknown LOG_LEVEL is named with the values it accepts", async () => {
  const { code, output } = await startWith({
    LOG_LEVEL: "loud",
    AUTH_SECRET: "x".repeat(40),
    PGLITE_DATA_DIR: "memory://",
  });
  expect(code).not.toBe(0);
  expect(output).toMatch(/LOG_LEVEL/);
});

test("production refuses a superuser login (SET ROLE NONE would lift row-level security) and says how to make a login role", async () => {
  // scripts/e2e.mjs runs the suite with the owner's URL (postgres) and serves the app as civitas_web.
  test.skip(!process.env.DATABASE_URL, "needs PostgreSQL (DATABASE_URL)");
  const { code, output } = await startWith({
    DATABASE_URL: process.env.DATABASE_URL!,
    AUTH_SECRET: "x".repeat(40),
    APP_URL: "http://127.0.0.1:3198",
    DATABASE_MIGRATE_ON_START: "0",
    // Past the email check (production without SMTP), so the login check is what answers.
    EMAIL_DROP_ALLOWED: "1",
  });
  expect(code).not.toBe(0);
  expect(output).toContain('DATABASE_URL logs in as "postgres"');
  expect(output).toContain("SET ROLE NONE");
  expect(output).toContain("npm run db:app-login");
});
