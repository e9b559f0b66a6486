// Pure comparison of the migrations directory with the history table, following Prisma's
// rules: rolled-back rows are ignored, a row without finished_at is a failed migration.
import { checksumMatches } from "./checksum";
import type { HistoryRow } from "./history-table";
import type { MigrationFile } from "./migration-files";

export interface MigrationStatus {
  /** Finished in the database (in apply order), whether or not the file still exists. */
  applied: string[];
  /** In the directory, not applied yet (in apply order). */
  pending: string[];
  /** Applied, but migration.sql changed since (checksum mismatch). */
  modified: string[];
  /** Recorded as started but never finished, and not marked rolled back. */
  failed: string[];
  /** Applied in the database but absent from the directory (another branch, deleted file). */
  missing: string[];
}

export function classifyMigrations(files: MigrationFile[], history: HistoryRow[]): MigrationStatus {
  const live = history.filter((row) => row.rolled_back_at === null);
  const finished = new Map<string, HistoryRow>();
  for (const row of live) if (row.finished_at !== null) finished.set(row.migration_name, row);
  const failed = [
    ...new Set(
      live
        .filter((row) => row.finished_at === null && !finished.has(row.migration_name))
        .map((row) => row.migration_name),
    ),
  ];
  const local = new Map(files.map((file) => [file.name, file]));

  return {
    applied: [...finished.keys()],
    pending: files.filter((file) => !finished.has(file.name) && !failed.includes(file.name)).map((file) => file.name),
    modified: files
      .filter((file) => {
        const row = finished.get(file.name);
        return row !== undefined && !checksumMatches(file.sql, row.checksum);
      })
      .map((file) => file.name),
    failed,
    missing: [...finished.keys()].filter((name) => !local.has(name)),
  };
}
