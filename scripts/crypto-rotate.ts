// `npm run crypto:rotate`: re-encrypts every citizen PII value still under an older key with
// the current primary key (the first of ENCRYPTION_KEYS). Safe while the app serves traffic and
// resumable: stop it any time (Ctrl-C finishes the current batch) and run it again. When it
// reports 0 remaining and 0 undecryptable values, the old keys can be removed from
// ENCRYPTION_KEYS. Works on DATABASE_URL or, when it is unset, the embedded database (stop
// `npm run dev` first: PGlite is single-process). Logic: lib/crypto/rotate.ts.
// Exit codes: 0 done (or dry run), 1 error or values that no configured key decrypts,
// 2 usage error, 130 interrupted (run it again to continue).
import { getConfig } from "../lib/config";
import { connectPglite, connectPostgres, type DatabaseHandle } from "../lib/db/connect";
import type { Db } from "../lib/db";
import { getKeyring } from "../lib/crypto/keyring";
import { rotateCitizenKeys, type RotationProgress } from "../lib/crypto/rotate";
import { runAsSystem } from "../lib/context/request-context";

export const USAGE = [
  "Usage: npm run crypto:rotate -- [--dry-run] [--batch-size N]",
  "  Re-encrypts citizen personal data under the primary key (the first of ENCRYPTION_KEYS).",
  "  --dry-run        only count what is still under another key, per tenant and key id",
  "  --batch-size N   rows per batch and transaction (default 500, at most 5000)",
].join("\n");

export type CliOptions = {
  /** The database to use; default: the configured one, opened and closed by this call. */
  db?: Db;
  out?: (line: string) => void;
  err?: (line: string) => void;
  signal?: AbortSignal;
};

async function openConfigured(): Promise<DatabaseHandle> {
  const config = getConfig();
  return config.DATABASE_URL
    ? connectPostgres({ ...config, DATABASE_URL: config.DATABASE_URL })
    : connectPglite(config);
}

function parseArgs(argv: string[]): { dryRun: boolean; batchSize: number } | string {
  const args = argv.filter((a) => a !== "--");
  let dryRun = false;
  let batchSize = 500;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--dry-run") dryRun = true;
    else if (a === "--batch-size" || a.startsWith("--batch-size=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 5000)
        return `--batch-size expects a whole number from 1 to 5000, got "${value ?? ""}".`;
      batchSize = n;
    } else return `Unknown argument "${a}".`;
  }
  return { dryRun, batchSize };
}

const n = (x: number) => x.toLocaleString("en");

/** The whole command; returns the exit code instead of exiting, so tests can run it. */
export async function main(argv: string[], options: CliOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  if (argv.includes("--help") || argv.includes("-h")) {
    out(USAGE);
    return 0;
  }
  const parsed = parseArgs(argv);
  if (typeof parsed === "string") {
    err(parsed);
    err(USAGE);
    return 2;
  }

  const keyring = getKeyring(); // validates ENCRYPTION_KEYS / BLIND_INDEX_KEY before connecting
  out(
    `Primary key: "${keyring.primary.id}"; keys that can decrypt: ${[...keyring.byId.keys()].map((k) => `"${k}"`).join(", ")}.`,
  );
  if (keyring.byId.size === 1 && !parsed.dryRun)
    out(`Only one key is configured: values under any other key id cannot be decrypted and will be reported.`);

  const handle = options.db ? null : await openConfigured();
  let lastLine = 0;
  const onProgress = (p: RotationProgress) => {
    // At most one line per second per tenant, plus the last one: readable on a million rows.
    const now = Date.now();
    if (p.remaining > 0 && now - lastLine < 1000) return;
    lastLine = now;
    out(
      `  ${p.slug} ${p.table}: ${n(p.rowsDone)} rows done, ${n(p.remaining)} remaining (${n(p.valuesRotated)} values re-encrypted${p.skippedConcurrent ? `, ${n(p.skippedConcurrent)} skipped: edited meanwhile` : ""})`,
    );
  };
  try {
    const started = Date.now();
    const result = await runAsSystem("crypto_rotate", () =>
      rotateCitizenKeys(options.db ?? handle!.db, {
        batchSize: parsed.batchSize,
        dryRun: parsed.dryRun,
        onProgress,
        signal: options.signal,
        keyring,
      }),
    );
    for (const t of result.tenants) {
      for (const [label, c] of [
        ["citizens", t.citizens],
        ["staged import rows", t.importRows],
      ] as const) {
        if (c.rowsToRotate === 0) continue;
        if (result.dryRun) {
          const values = Object.entries(c.valuesToRotate)
            .filter(([, v]) => v > 0)
            .map(([f, v]) => `${f} ${n(v)}`)
            .join(", ");
          out(`  ${t.slug}: ${n(c.rowsToRotate)} ${label} to re-encrypt (values: ${values})`);
        } else {
          out(
            `  ${t.slug}: ${n(c.valuesRotated)} values re-encrypted in ${n(c.rowsDone)} ${label}${c.skippedConcurrent ? `, ${n(c.skippedConcurrent)} skipped (edited meanwhile)` : ""}`,
          );
        }
      }
      if (result.dryRun && Object.keys(t.fromKeys).length > 0)
        out(
          `  ${t.slug}: under keys ${Object.entries(t.fromKeys)
            .map(([k, v]) => `"${k}" ${n(v)}`)
            .join(", ")}`,
        );
      for (const f of t.failed.slice(0, 20)) err(`  ${t.slug}: ${f.table} ${f.id} ${f.field}: ${f.reason}`);
      if (t.failed.length > 20) err(`  ${t.slug}: … and ${t.failed.length - 20} more values that do not decrypt`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const tenantsWithWork = result.tenants.filter(
      (t) => t.citizens.rowsToRotate + t.importRows.rowsToRotate > 0,
    ).length;
    if (result.dryRun) {
      out(
        `Dry run: ${n(result.totals.rowsToRotate)} rows in ${tenantsWithWork} of ${result.tenants.length} tenants are not under "${result.primaryKeyId}" yet. Nothing was changed.`,
      );
      return 0;
    }
    out(
      `${result.interrupted ? "Interrupted" : "Done"} in ${seconds} s: ${n(result.totals.valuesRotated)} values re-encrypted in ${n(result.totals.rowsDone)} rows (${tenantsWithWork} of ${result.tenants.length} tenants)` +
        (result.totals.skippedConcurrent
          ? `, ${n(result.totals.skippedConcurrent)} skipped because they were edited meanwhile (already under the primary key)`
          : "") +
        ".",
    );
    if (result.interrupted) {
      err("Stopped before the end: run the command again to continue where it stopped.");
      return 130;
    }
    if (result.totals.failed > 0) {
      err(
        `${n(result.totals.failed)} values could not be decrypted with any configured key; they were left as they are. Do not remove old keys yet.`,
      );
      return 1;
    }
    out(
      `Every citizen value is now under "${result.primaryKeyId}". Older keys can be removed from ENCRYPTION_KEYS once every instance runs with this configuration.`,
    );
    // The key registry (lib/crypto/key-check.ts) no longer asks for them: `npm run crypto:check` agrees.
    if (result.retiredKeyIds.length > 0)
      out(
        `No stored data needs ${result.retiredKeyIds.map((k) => `"${k}"`).join(", ")} any more (recorded for the start-up key check).`,
      );
    return 0;
  } finally {
    await handle?.close();
  }
}

// Run only when executed (tsx scripts/crypto-rotate.ts), not when a test imports main().
if (require.main === module) {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    console.error("Stopping after the current batch… (Ctrl-C again to quit at once)");
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  main(process.argv.slice(2), { signal: controller.signal }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
