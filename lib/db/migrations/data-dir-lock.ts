// One process per embedded-database directory. PGlite is PostgreSQL without its postmaster, so
// nothing stops a second process (`npm run db:seed` while `npm run dev` runs) from opening the
// same files: each keeps its own buffers and WAL position, neither sees the other's writes, and
// they overwrite each other's pages. The lock is a file in the directory naming its holder
// (pid, command, start time), created atomically (written aside, then hard-linked into place,
// which fails when the name exists).
//
// Not proper-lockfile: it decides staleness by an mtime the holder refreshes on a timer, and
// PGlite runs queries on the main thread, so a long migration or a 1,000-row import blocks the
// event loop past any stale period and a live holder would lose its lock. A pid check needs no
// timer; a dead holder's lock (kill -9, a crash) is simply taken over.
import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export const LOCK_FILE_NAME = "civitas.lock";

type Holder = { pid: number; hostname: string; command: string; startedAt: string; procStart?: string; token: string };

export class DataDirLockedError extends Error {
  constructor(
    message: string,
    readonly holder: Omit<Holder, "token">,
  ) {
    super(message);
    this.name = "DataDirLockedError";
  }
}

export type DataDirLock = { release(): void };

// On globalThis, like the database handle in lib/db/index.ts: a hot reload re-evaluates this
// module but must still know which directories this process holds.
const g = globalThis as unknown as { civitasDataDirLocks?: Map<string, Holder>; civitasDataDirExitHook?: boolean };
const held = (g.civitasDataDirLocks ??= new Map());

/** Locks `dataDir` (which must exist) for this process, or throws DataDirLockedError naming the holder. */
export async function lockDataDir(dataDir: string, options: { waitMs?: number } = {}): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE_NAME);
  if (held.has(file)) {
    throw new DataDirLockedError(
      `The embedded database in ${dir} is already open in this process; open it once and share the handle (lib/db/index.ts does).`,
      withoutToken(held.get(file)!),
    );
  }
  // A holder that is stopping (a `next dev` restart replaces its server process) gets a moment.
  const deadline = Date.now() + (options.waitMs ?? 2_000);
  for (;;) {
    const me = tryCreate(file);
    if (me) {
      held.set(file, me);
      releaseOnExit();
      return { release: () => release(file, me.token) };
    }
    const holder = readHolder(file);
    if (!holder || !isAlive(holder)) {
      removeIfUnchanged(file, holder);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(dir, file, holder);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function tryCreate(file: string): Holder | null {
  const me: Holder = {
    pid: process.pid,
    hostname: hostname(),
    command: describeCommand(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    procStart: procStartTime(process.pid),
    token: randomBytes(12).toString("hex"),
  };
  const aside = `${file}.${process.pid}.${me.token}`;
  writeFileSync(aside, `${JSON.stringify(me)}\n`);
  try {
    linkSync(aside, file);
    return me;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return null;
    throw error;
  } finally {
    unlinkSync(aside);
  }
}

/** The holder recorded in the file; null when it is gone or unreadable (a torn write cannot happen: see tryCreate). */
function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    return typeof parsed.pid === "number" && typeof parsed.token === "string" ? (parsed as Holder) : null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  // Another machine's process (a shared or network directory) cannot be checked from here.
  if (holder.hostname !== hostname()) return true;
  // Our own pid, yet not in `held`: a lock left by an earlier life of this pid (PID 1 in a
  // container that restarted), so stale.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false; // ESRCH: no such process
  }
  // The pid is in use, but maybe by a newer process (pids are reused): compare start times.
  const now = procStartTime(holder.pid);
  return !(holder.procStart && now && now !== holder.procStart);
}

/** Takes over a stale lock, unless someone else replaced it meanwhile (then the loop looks again). */
function removeIfUnchanged(file: string, stale: Holder | null): void {
  const current = readHolder(file);
  if (current?.token !== stale?.token) return;
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function release(file: string, token: string): void {
  if (held.get(file)?.token !== token) return;
  held.delete(file);
  removeIfUnchanged(file, { token } as Holder);
}

function lockedError(dir: string, file: string, holder: Holder): DataDirLockedError {
  const where = holder.hostname === hostname() ? "" : ` on ${holder.hostname}`;
  return new DataDirLockedError(
    `The embedded database in ${dir} is in use by another process${where}: pid ${holder.pid} (${holder.command}), started ${holder.startedAt}. ` +
      `PGlite allows one process per directory: stop that process first (for example \`npm run dev\`), or set PGLITE_DATA_DIR to another directory, or use DATABASE_URL. ` +
      `If that process is not running, delete ${file}.`,
    withoutToken(holder),
  );
}

function withoutToken({ token: _token, ...holder }: Holder): Omit<Holder, "token"> {
  return holder;
}

/** "node next dev", "node scripts/db/seed.ts": the program, its script and a subcommand, never other arguments (they may hold an email). */
function describeCommand(): string {
  const [, script, sub] = process.argv;
  const parts = [path.basename(process.argv0 || process.execPath)];
  if (script)
    parts.push(
      path.relative(process.cwd(), script).startsWith("..")
        ? path.basename(script)
        : path.relative(process.cwd(), script),
    );
  if (sub && /^[a-z][a-z:-]*$/.test(sub)) parts.push(sub);
  return parts.join(" ");
}

/** Linux: the process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat); elsewhere undefined. */
function procStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/**
 * Releases every lock this process holds when it exits. A signal's default action ends the
 * process without an "exit" event, so SIGINT/SIGTERM/SIGHUP release and re-raise, unless
 * another handler (Next.js's graceful shutdown) owns the signal: it exits in its own time and
 * the "exit" hook releases then, not while requests still use the database.
 */
function releaseOnExit(): void {
  if (g.civitasDataDirExitHook) return;
  g.civitasDataDirExitHook = true;
  const releaseAll = () => {
    for (const [file, holder] of held) release(file, holder.token);
  };
  process.on("exit", releaseAll);
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    releaseAll();
    for (const s of signals) process.off(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of signals) process.on(s, onSignal);
}
