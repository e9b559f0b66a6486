// The embedded database's directory belongs to one process at a time: a second process (here:
// this one, while a child holds it) stops with a message naming the holder; once the holder
// exits, normally or killed, the directory opens again. In memory nothing is locked.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataDirLockedError, LOCK_FILE_NAME } from "../../lib/db/migrations/data-dir-lock";
import { openPglite } from "../../lib/db/migrations/open-pglite";

const ROOT = path.resolve(__dirname, "../..");
// Each test opens PGlite (a WASM PostgreSQL) once or twice, in a child process too.
jest.setTimeout(180_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "civitas-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts a process that opens `dir` and resolves once it holds it. */
function holder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "tests/support/hold-pglite-dir.ts"), dataDir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes("ready")) resolve(child);
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`holder exited (${code}) before it was ready:\n${output}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );
}

async function expectOpens(dataDir: string): Promise<void> {
  const db = await openPglite(dataDir);
  expect((await db.query<{ ok: number }>("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  await db.close();
}

test("a second process is refused with the holder's pid, command and start time; after the holder exits it opens", async () => {
  const child = await holder(dir);
  try {
    const error = await openPglite(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataDirLockedError);
    const message = (error as Error).message;
    expect(message).toContain(`pid ${child.pid}`);
    expect(message).toContain("hold-pglite-dir.ts");
    expect(message).toMatch(/started \d{4}-\d\d-\d\dT/);
    expect(message).toContain(path.resolve(dir));
  } finally {
    child.kill("SIGTERM");
    await exited(child);
  }
  // SIGTERM released the lock on the way out.
  expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  await expectOpens(dir);
});

test("a holder killed without a chance to clean up leaves a stale lock, which is taken over", async () => {
  const child = await holder(dir);
  child.kill("SIGKILL");
  await exited(child);
  expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
  await expectOpens(dir);
  expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
});

test("in one process: close releases, a second open while open is refused, memory is never locked", async () => {
  await expectOpens(dir);
  const db = await openPglite(dir);
  try {
    await expect(openPglite(dir)).rejects.toThrow(/already open in this process/);
  } finally {
    await db.close();
  }
  await expectOpens(dir);

  const a = await openPglite("memory://");
  const b = await openPglite();
  await Promise.all([a.close(), b.close()]);
});
