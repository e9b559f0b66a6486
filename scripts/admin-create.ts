// `npm run admin:create -- someone@example.org`: makes that user a platform admin, creating
// the account (email verified) if nobody has that email yet. The password of a new account is
// ADMIN_PASSWORD when set, otherwise generated and printed once. Safe to run twice. Works on
// DATABASE_URL or, when it is unset, the embedded database (stop `npm run dev` first: PGlite
// is single-process). Exit codes: 0 done, 2 usage error, 1 anything else.
import { getConfig } from "../lib/config";
import { connectPglite, connectPostgres, type DatabaseHandle } from "../lib/db/connect";
import type { Db } from "../lib/db";
import { ensurePlatformAdmin } from "../lib/admin/create-admin";
import { createAdminSchema } from "../lib/admin/schemas";
import { runAsSystem } from "../lib/context/request-context";

export const USAGE = [
  "Usage: npm run admin:create -- <email>",
  "  Makes the user with this email a platform admin, creating the account if needed.",
  "  A new account gets ADMIN_PASSWORD (at least 12 characters) or a generated password, printed once.",
].join("\n");

export type CliOptions = {
  /** The database to use; default: the configured one, opened and closed by this call. */
  db?: Db;
  env?: Record<string, string | undefined>;
  out?: (line: string) => void;
  err?: (line: string) => void;
};

async function openConfigured(): Promise<DatabaseHandle> {
  const config = getConfig();
  return config.DATABASE_URL
    ? connectPostgres({ ...config, DATABASE_URL: config.DATABASE_URL })
    : connectPglite(config);
}

/** The whole command; returns the exit code instead of exiting, so tests can run it. */
export async function main(argv: string[], options: CliOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const env = options.env ?? process.env;

  const args = argv.filter((a) => a !== "--");
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    out(USAGE);
    return 0;
  }
  if (args.length !== 1) {
    err(args.length === 0 ? "Missing the email address." : "Expected exactly one email address.");
    err(USAGE);
    return 2;
  }
  // Checked before the database is opened: a typo should not wait for a connection.
  const parsed = createAdminSchema.safeParse({ email: args[0], password: env.ADMIN_PASSWORD || undefined });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      err(issue.path[0] === "email" ? `Not a valid email address: "${args[0]}".` : issue.message);
    err(USAGE);
    return 2;
  }

  const handle = options.db ? null : await openConfigured();
  try {
    const result = await runAsSystem("admin_script", () => ensurePlatformAdmin(options.db ?? handle!.db, parsed.data));
    if (result.outcome === "unchanged") out(`${result.email} is already a platform admin; nothing to do.`);
    if (result.outcome === "promoted") out(`${result.email} is now a platform admin (their password is unchanged).`);
    if (result.outcome === "created") out(`Created platform admin ${result.email} (email marked as verified).`);
    if (result.generatedPassword)
      out(`Password (shown only this once; change it after signing in): ${result.generatedPassword}`);
    if (result.outcome !== "created" && env.ADMIN_PASSWORD)
      out("ADMIN_PASSWORD was ignored: it only applies to new accounts.");
    if (result.disabled) err(`Warning: the account ${result.email} is disabled; enable it before it can sign in.`);
    return 0;
  } finally {
    await handle?.close();
  }
}

// Run only when executed (tsx scripts/admin-create.ts), not when a test imports main().
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
