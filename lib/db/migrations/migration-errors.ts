// Errors the migration tools raise on purpose, with a message that says what to do next.
export class MigrationError extends Error {
  override name = "MigrationError";
}

export class MigrationHistoryError extends MigrationError {
  override name = "MigrationHistoryError";
  constructor(
    message: string,
    readonly modified: string[],
    readonly failed: string[],
  ) {
    super(message);
  }
}

/** Refuses to go on when the history cannot be trusted: edited or failed migrations. */
export function assertHealthyHistory(status: { modified: string[]; failed: string[] }): void {
  const problems: string[] = [];
  if (status.modified.length > 0) {
    problems.push(
      `These applied migrations were modified after they were applied (checksum mismatch): ${status.modified.join(", ")}. ` +
        `Restore the original migration.sql and put the change in a new migration.`,
    );
  }
  if (status.failed.length > 0) {
    problems.push(
      `These migrations are recorded as failed in _prisma_migrations: ${status.failed.join(", ")}. ` +
        `Repair the database by hand, then mark them rolled back ` +
        `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '…' AND finished_at IS NULL) to retry them.`,
    );
  }
  if (problems.length > 0) throw new MigrationHistoryError(problems.join("\n"), status.modified, status.failed);
}
