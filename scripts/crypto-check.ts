// `npm run crypto:check`: does the configured ENCRYPTION_KEYS / BLIND_INDEX_KEY fit the stored
// data? Prints the report the server checks at start-up (lib/crypto/key-check.ts): every key
// id the data uses, whether it is configured and decrypts, which key new data is written with,
// and whether the blind index key matches. Read-only: records nothing. Works on DATABASE_URL
// or, when it is unset, the embedded database (stop `npm run dev` first: PGlite is
// single-process). Exit codes: 0 the keys fit, 1 a problem (or an error).
import { getConfig } from "../lib/config";
import { connectPglite, connectPostgres, type DatabaseHandle } from "../lib/db/connect";
import type { Db } from "../lib/db";
import { getKeyring } from "../lib/crypto/keyring";
import { checkEncryptionKeys, formatKeyCheckReport } from "../lib/crypto/key-check";

export type CliOptions = { db?: Db; out?: (line: string) => void };

async function openConfigured(): Promise<DatabaseHandle> {
  const config = getConfig();
  return config.DATABASE_URL
    ? connectPostgres({ ...config, DATABASE_URL: config.DATABASE_URL })
    : connectPglite(config);
}

/** The whole command; returns the exit code instead of exiting, so tests can run it. */
export async function main(options: CliOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const keyring = getKeyring(); // validates the variables' format before connecting
  const handle = options.db ? null : await openConfigured();
  try {
    const report = await checkEncryptionKeys(options.db ?? handle!.db, keyring);
    for (const line of formatKeyCheckReport(report)) out(line);
    return report.ok ? 0 : 1;
  } finally {
    await handle?.close();
  }
}

// Run only when executed (tsx scripts/crypto-check.ts), not when a test imports main().
if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
