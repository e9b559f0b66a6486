import { ConfigError, getConfig } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { stopOnKeyMismatch } from "./stop-on-key-mismatch";

export async function startServer(): Promise<void> {
  try {
    getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // Plain text on stderr as well as the log line: this is read by a person at a terminal.
      process.stderr.write(`\n${err.message}\n\n`);
      logger.fatal({ problems: err.problems }, "invalid configuration");
      process.exit(1);
    }
    throw err;
  }
  // Import lazily: lib/db is server-only and must not load before the config is known good.
  const { getDatabase } = await import("@/lib/db");
  const { StartupRefusedError } = await import("@/lib/db/login-role");
  try {
    const handle = await getDatabase();
    logger.info({ database: handle.kind }, "server started");
  } catch (err) {
    await stopOnKeyMismatch(err);
    if (err instanceof StartupRefusedError) {
      process.stderr.write(`\n${err.message}\n\n`);
      logger.fatal(err.message);
      process.exit(1);
    }
    // Not fatal: /api/ready reports it and the next request retries.
    logger.error({ err }, "database not available at start-up");
  }
}
