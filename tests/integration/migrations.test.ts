// The migration applier and the offline `dev` flow against real databases: always an
// in-memory PGlite, and also a scratch PostgreSQL database (created and dropped here) when
// DATABASE_URL is set. Every test works on its own copy of prisma/migrations.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrations/apply-migrations";
import { listMigrationFiles } from "../../lib/db/migrations/migration-files";
import { MigrationError, MigrationHistoryError } from "../../lib/db/migrations/migration-errors";
import { migrationStatus } from "../../lib/db/migrations/migration-status";
import { openPglite } from "../../lib/db/migrations/open-pglite";
import { pgClientConfig, pgConnectionFromUrl } from "../../lib/db/migrations/pg-connection";
import { createPgliteRunner } from "../../lib/db/migrations/pglite-runner";
import { createPgRunner } from "../../lib/db/migrations/pg-runner";
import type { MigrationRunner } from "../../lib/db/migrations/runner";

const ROOT = path.resolve(__dirname, "../..");
const PROJECT_MIGRATIONS = path.join(ROOT, "prisma", "migrations");

interface Session {
  runner: MigrationRunner;
  close(): Promise<void>;
}

/** A fresh, empty database; `connect` opens a new session (PGlite only ever has one). */
interface ScratchDatabase {
  connect(): Promise<Session>;
  drop(): Promise<void>;
}

interface Backend {
  name: string;
  create(): Promise<ScratchDatabase>;
}

const pgliteBackend: Backend = {
  name: "PGlite (in memory)",
  async create() {
    const db = await openPglite();
    return {
      connect: async () => ({ runner: createPgliteRunner(db), close: async () => {} }),
      drop: () => db.close(),
    };
  },
};

function postgresBackend(url: string): Backend {
  const server = pgConnectionFromUrl(url);
  return {
    name: "PostgreSQL (scratch database)",
    async create() {
      const name = `civitas_test_mig_${randomBytes(5).toString("hex")}`;
      const admin = new pg.Client(pgClientConfig(server));
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const sessions = new Set<pg.Client>();
      return {
        async connect() {
          const client = new pg.Client(pgClientConfig(server, name));
          await client.connect();
          sessions.add(client);
          return {
            runner: createPgRunner(client),
            close: async () => {
              sessions.delete(client);
              await client.end();
            },
          };
        },
        async drop() {
          await Promise.all([...sessions].map((client) => client.end()));
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.end();
        },
      };
    },
  };
}

const backends: Backend[] = [
  pgliteBackend,
  ...(process.env.DATABASE_URL ? [postgresBackend(process.env.DATABASE_URL)] : []),
];

let workDir: string;
let migrationsDir: string;
let expected: string[];

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "civitas-migrate-test-"));
  migrationsDir = path.join(workDir, "migrations");
  await cp(PROJECT_MIGRATIONS, migrationsDir, { recursive: true });
  expected = (await listMigrationFiles(migrationsDir)).map((m) => m.name);
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function addMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(migrationsDir, name));
  await writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
}

it("has the project's migrations to work with (init + tenant isolation at least)", () => {
  expect(expected.length).toBeGreaterThanOrEqual(2);
});

describe.each(backends)("applyMigrations on $name", (backend) => {
  let db: ScratchDatabase;
  let session: Session;

  beforeEach(async () => {
    db = await backend.create();
    session = await db.connect();
  });
  afterEach(async () => {
    await db.drop();
  });

  it("reports everything pending on a fresh database, then everything applied", async () => {
    expect(await migrationStatus(session.runner, { migrationsDir })).toEqual({
      applied: [],
      pending: expected,
      modified: [],
      failed: [],
      missing: [],
    });

    await applyMigrations(session.runner, { migrationsDir });

    expect(await migrationStatus(session.runner, { migrationsDir })).toEqual({
      applied: expected,
      pending: [],
      modified: [],
      failed: [],
      missing: [],
    });
  });

  it("is idempotent and keeps Prisma's bookkeeping", async () => {
    expect(await applyMigrations(session.runner, { migrationsDir })).toEqual({ applied: expected });
    expect(await applyMigrations(session.runner, { migrationsDir })).toEqual({ applied: [] });

    const files = await listMigrationFiles(migrationsDir);
    const rows = await session.runner.query<{
      migration_name: string;
      checksum: string;
      finished: boolean;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(
      files.map((f) => ({ migration_name: f.name, checksum: f.checksum, finished: true, applied_steps_count: 1 })),
    );
  });

  it("applies only what is new", async () => {
    await applyMigrations(session.runner, { migrationsDir });
    await addMigration("29991231000000_extra", 'CREATE TABLE "extra_probe" (id int);');

    expect(await migrationStatus(session.runner, { migrationsDir })).toMatchObject({
      pending: ["29991231000000_extra"],
    });
    expect(await applyMigrations(session.runner, { migrationsDir })).toEqual({ applied: ["29991231000000_extra"] });
  });

  it("refuses to run when an applied migration was modified", async () => {
    await applyMigrations(session.runner, { migrationsDir });
    await appendFile(path.join(migrationsDir, expected[0]!, "migration.sql"), "\n-- edited afterwards\n");
    await addMigration("29991231000000_extra", 'CREATE TABLE "extra_probe" (id int);');

    const run = applyMigrations(session.runner, { migrationsDir });
    await expect(run).rejects.toThrow(MigrationHistoryError);
    await expect(run).rejects.toThrow(new RegExp(`modified.*${expected[0]}`));
    expect(await migrationStatus(session.runner, { migrationsDir })).toMatchObject({
      modified: [expected[0]],
      pending: ["29991231000000_extra"],
    });
    // Nothing was applied past the refusal.
    expect(await session.runner.query(`SELECT to_regclass('extra_probe') AS t`)).toEqual([{ t: null }]);
  });

  it("refuses to run while a failed migration is recorded", async () => {
    await applyMigrations(session.runner, { migrationsDir });
    await addMigration("29991231000000_extra", 'CREATE TABLE "extra_probe" (id int);');
    await session.runner.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('failed-row', 'x', '29991231000000_extra')`,
    );

    await expect(applyMigrations(session.runner, { migrationsDir })).rejects.toThrow(
      /recorded as failed.*29991231000000_extra/,
    );
    expect(await migrationStatus(session.runner, { migrationsDir })).toMatchObject({
      failed: ["29991231000000_extra"],
      pending: [],
    });

    // Marking it rolled back (after repairing by hand) lets it run again.
    await session.runner.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = 'failed-row'`);
    expect(await applyMigrations(session.runner, { migrationsDir })).toEqual({ applied: ["29991231000000_extra"] });
  });

  it("rolls a failing migration back completely, history row included", async () => {
    await applyMigrations(session.runner, { migrationsDir });
    await addMigration(
      "29991231000000_broken",
      `CREATE TABLE "half_done" (id int);\nDO $$ BEGIN RAISE EXCEPTION 'boom; inside a DO block'; END $$;\n`,
    );

    const run = applyMigrations(session.runner, { migrationsDir });
    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(/29991231000000_broken failed and was rolled back: boom; inside a DO block/);
    expect(await session.runner.query(`SELECT to_regclass('half_done') AS t`)).toEqual([{ t: null }]);
    expect(await migrationStatus(session.runner, { migrationsDir })).toMatchObject({
      pending: ["29991231000000_broken"],
      failed: [],
    });
  });

  it("lets concurrent runs through one at a time, applying each migration once", async () => {
    const other = await db.connect();
    const [first, second] = await Promise.all([
      applyMigrations(session.runner, { migrationsDir }),
      applyMigrations(other.runner, { migrationsDir }),
    ]);

    expect([...first.applied, ...second.applied].sort()).toEqual(expected);
    expect([first.applied.length, second.applied.length].sort()).toEqual([0, expected.length]);
    const counts = await session.runner.query<{ migration_name: string; n: number }>(
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(counts).toEqual(expected.map((name) => ({ migration_name: name, n: 1 })));
  });

  it("installs the hand-written tenant isolation (RLS forced, app role without history writes)", async () => {
    await applyMigrations(session.runner, { migrationsDir });

    const tables = await session.runner.query<{ relname: string; rls: boolean; forced: boolean }>(
      `SELECT relname, relrowsecurity AS rls, relforcerowsecurity AS forced
         FROM pg_class WHERE relname IN ('citizens', 'cases') AND relnamespace = 'public'::regnamespace
         ORDER BY relname`,
    );
    expect(tables).toEqual([
      { relname: "cases", rls: true, forced: true },
      { relname: "citizens", rls: true, forced: true },
    ]);
    const role = await session.runner.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      `SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'civitas_app'`,
    );
    expect(role).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
    const privileges = await session.runner.query<{
      select: boolean;
      insert: boolean;
      update: boolean;
      delete: boolean;
    }>(
      `SELECT has_table_privilege('civitas_app', '"_prisma_migrations"', 'SELECT') AS select,
              has_table_privilege('civitas_app', '"_prisma_migrations"', 'INSERT') AS insert,
              has_table_privilege('civitas_app', '"_prisma_migrations"', 'UPDATE') AS update,
              has_table_privilege('civitas_app', '"_prisma_migrations"', 'DELETE') AS delete`,
    );
    expect(privileges).toEqual([{ select: true, insert: false, update: false, delete: false }]);
  });
});

// The `dev` flow runs the CLI as a child process: the WASM engine's ESM glue is loaded by
// Node itself, as in real use, rather than through Jest's module system.
describe("dev flow (offline WASM schema engine)", () => {
  // Each run starts a process, loads the 5 MB engine and (for PGlite) a WASM PostgreSQL.
  const DEV_TIMEOUT_MS = 120_000;
  const shadows = [
    { name: "in-memory PGlite shadow", env: { DATABASE_URL: undefined } },
    ...(process.env.DATABASE_URL
      ? [{ name: "PostgreSQL shadow database", env: { DATABASE_URL: process.env.DATABASE_URL } }]
      : []),
  ];

  async function runDev(env: Record<string, string | undefined>, schemaPath: string): Promise<string> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PGLITE_DATA_DIR: path.join(workDir, "pglite") };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
    const { stdout } = await promisify(execFile)(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      [
        "scripts/db/migrate.ts",
        "dev",
        "--name",
        "probe",
        "--create-only",
        "--dir",
        migrationsDir,
        "--schema",
        schemaPath,
      ],
      { cwd: ROOT, env: childEnv },
    );
    return stdout;
  }

  it.each(shadows)(
    "finds no drift between schema.prisma and the migrations, hand-written RLS included ($name)",
    async ({ env }) => {
      const stdout = await runDev(env, path.join(ROOT, "prisma", "schema.prisma"));

      expect(stdout).toContain("Already in sync, no migration created");
      expect((await listMigrationFiles(migrationsDir)).map((m) => m.name)).toEqual(expected);
    },
    DEV_TIMEOUT_MS,
  );

  it.each(shadows)(
    "writes only the schema change as a new migration ($name)",
    async ({ env }) => {
      const schema = await readFile(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
      const changed = schema.replace(/(model Citizen \{\n)/, '$1  probeColumn String? @map("probe_column")\n');
      expect(changed).not.toBe(schema);
      const schemaPath = path.join(workDir, "schema.prisma");
      await writeFile(schemaPath, changed);

      await runDev(env, schemaPath);

      const created = (await readdir(migrationsDir)).filter((name) => name.endsWith("_probe"));
      expect(created).toHaveLength(1);
      const sql = await readFile(path.join(migrationsDir, created[0]!, "migration.sql"), "utf8");
      expect(sql.trim()).toBe('-- AlterTable\nALTER TABLE "citizens" ADD COLUMN     "probe_column" TEXT;');
    },
    DEV_TIMEOUT_MS,
  );
});
