// Reading the migrations directory: order, what counts as a migration, and new names.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { listMigrationFiles, sortMigrationNames } from "../../lib/db/migrations/migration-files";
import { migrationChecksum } from "../../lib/db/migrations/checksum";
import {
  migrationDirectoryName,
  migrationTimestamp,
  normaliseMigrationName,
} from "../../lib/db/migrations/migration-writer";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "civitas-migrations-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function addMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("listMigrationFiles", () => {
  it("returns migrations in name order with their SQL and checksum", async () => {
    await addMigration("20250102000000_second", "SELECT 2;");
    await addMigration("20250101000000_first", "SELECT 1;");
    await addMigration("20250101000000_First_upper", "SELECT 0;");

    const files = await listMigrationFiles(dir);

    expect(files.map((f) => f.name)).toEqual([
      "20250101000000_First_upper",
      "20250101000000_first",
      "20250102000000_second",
    ]);
    expect(files[1]).toEqual({
      name: "20250101000000_first",
      sql: "SELECT 1;",
      checksum: migrationChecksum("SELECT 1;"),
    });
  });

  it("ignores the lock file, stray files and dot-directories", async () => {
    await addMigration("20250101000000_init", "SELECT 1;");
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    await writeFile(path.join(dir, "README.md"), "notes");
    await mkdir(path.join(dir, ".cache"));

    expect((await listMigrationFiles(dir)).map((f) => f.name)).toEqual(["20250101000000_init"]);
  });

  it("treats a missing directory as no migrations", async () => {
    expect(await listMigrationFiles(path.join(dir, "absent"))).toEqual([]);
  });

  it("refuses a migration directory without migration.sql", async () => {
    await mkdir(path.join(dir, "20250101000000_empty"));
    await expect(listMigrationFiles(dir)).rejects.toThrow(/20250101000000_empty has no migration\.sql/);
  });
});

describe("sortMigrationNames", () => {
  it("uses code-unit order like Prisma, not locale order", () => {
    expect(sortMigrationNames(["b", "B", "a", "_x", "1"])).toEqual(["1", "B", "_x", "a", "b"]);
  });
});

describe("new migration names", () => {
  it("prefixes a UTC timestamp", () => {
    expect(migrationTimestamp(new Date("2025-03-04T05:06:07.890Z"))).toBe("20250304050607");
  });

  it("normalises the given name to snake case", () => {
    expect(normaliseMigrationName("  Add citizen phone! ")).toBe("add_citizen_phone");
    expect(migrationDirectoryName("tenant isolation", new Date("2025-01-01T00:00:00Z"))).toBe(
      "20250101000000_tenant_isolation",
    );
  });

  it("rejects a name with nothing usable in it", () => {
    expect(() => normaliseMigrationName("!!!")).toThrow(/has no letters or digits/);
  });
});
