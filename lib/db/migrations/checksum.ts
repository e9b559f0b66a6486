// Checksums as Prisma Migrate computes them (sha256 of the migration.sql text, lowercase
// hex), so rows we write in _prisma_migrations are accepted by Prisma tooling and vice versa.
import { createHash } from "node:crypto";

export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Like Prisma, accept the checksum of the script with LF or CRLF line endings: a checkout
 * with git's autocrlf must not look like an edited migration.
 */
export function checksumMatches(script: string, checksum: string): boolean {
  const lf = script.replace(/\r\n/g, "\n");
  const crlf = lf.replace(/\n/g, "\r\n");
  return [script, lf, crlf].some((variant) => migrationChecksum(variant) === checksum.toLowerCase());
}
