// Encryption keys that cannot read the stored data (lib/crypto/key-check.ts) stop the server
// at start-up, with the report on stderr for the person at the terminal and in the log.
import { logger } from "@/lib/log/logger";

export async function stopOnKeyMismatch(err: unknown): Promise<void> {
  const { KeyCheckError } = await import("@/lib/crypto/key-check");
  if (!(err instanceof KeyCheckError)) return;
  process.stderr.write(`\n${err.message}\n\n`);
  logger.fatal({ problems: err.report.problems }, "encryption keys do not fit the stored data");
  process.exit(1);
}
