// Comparing the migrations directory with _prisma_migrations, by Prisma's rules.
import { classifyMigrations } from "../../lib/db/migrations/classify";
import { migrationChecksum } from "../../lib/db/migrations/checksum";
import type { HistoryRow } from "../../lib/db/migrations/history-table";
import type { MigrationFile } from "../../lib/db/migrations/migration-files";
import { assertHealthyHistory, MigrationHistoryError } from "../../lib/db/migrations/migration-errors";

const file = (name: string, sql = `-- ${name}\n`): MigrationFile => ({ name, sql, checksum: migrationChecksum(sql) });
const done = new Date("2025-01-01T00:00:00Z");
const row = (name: string, overrides: Partial<HistoryRow> = {}): HistoryRow => ({
  id: `id-${name}-${Math.random()}`,
  checksum: migrationChecksum(`-- ${name}\n`),
  migration_name: name,
  finished_at: done,
  rolled_back_at: null,
  logs: null,
  ...overrides,
});

describe("classifyMigrations", () => {
  it("on a fresh database, everything is pending", () => {
    expect(classifyMigrations([file("1_a"), file("2_b")], [])).toEqual({
      applied: [],
      pending: ["1_a", "2_b"],
      modified: [],
      failed: [],
      missing: [],
    });
  });

  it("splits applied and pending", () => {
    const status = classifyMigrations([file("1_a"), file("2_b")], [row("1_a")]);
    expect(status.applied).toEqual(["1_a"]);
    expect(status.pending).toEqual(["2_b"]);
  });

  it("flags an applied migration whose file changed", () => {
    const status = classifyMigrations([file("1_a", "-- edited\n")], [row("1_a")]);
    expect(status.modified).toEqual(["1_a"]);
    expect(status.pending).toEqual([]);
  });

  it("reports unfinished rows as failed, and does not offer them as pending", () => {
    const status = classifyMigrations([file("1_a"), file("2_b")], [row("1_a"), row("2_b", { finished_at: null })]);
    expect(status.failed).toEqual(["2_b"]);
    expect(status.pending).toEqual([]);
  });

  it("ignores rolled-back rows, so a rolled-back failure is pending again", () => {
    const status = classifyMigrations([file("1_a")], [row("1_a", { finished_at: null, rolled_back_at: done })]);
    expect(status).toMatchObject({ applied: [], pending: ["1_a"], failed: [] });
  });

  it("a retried migration that finished is applied, not failed", () => {
    const status = classifyMigrations(
      [file("1_a")],
      [row("1_a", { finished_at: null, rolled_back_at: done }), row("1_a")],
    );
    expect(status).toMatchObject({ applied: ["1_a"], pending: [], failed: [] });
  });

  it("lists applied migrations that are not in the directory", () => {
    expect(classifyMigrations([file("1_a")], [row("1_a"), row("0_gone")]).missing).toEqual(["0_gone"]);
  });
});

describe("assertHealthyHistory", () => {
  it("passes a clean history", () => {
    expect(() => assertHealthyHistory({ modified: [], failed: [] })).not.toThrow();
  });

  it("refuses modified or failed migrations, naming them", () => {
    expect(() => assertHealthyHistory({ modified: ["1_a"], failed: ["2_b"] })).toThrow(MigrationHistoryError);
    expect(() => assertHealthyHistory({ modified: ["1_a"], failed: [] })).toThrow(/modified.*1_a/);
    expect(() => assertHealthyHistory({ modified: [], failed: ["2_b"] })).toThrow(/failed.*2_b/);
  });
});
