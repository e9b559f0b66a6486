// The login-role probe (lib/db/login-role.ts) against a real database: the owner/superuser
// login is reported as privileged even after the pool's switch to the app role (SET ROLE NONE
// would undo it), the login role made by `npm run db:app-login` is not, and a login that is a
// member of a privileged role is caught too.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { getDatabase } from "@/lib/db";
import { LOGIN_ROLE_SQL, type LoginRole } from "@/lib/db/login-role";

const url = process.env.DATABASE_URL;
const asLogin = (name: string) => {
  const u = new URL(url!);
  u.username = name;
  u.password = "";
  return u.toString();
};

async function probe(connectionString: string, options?: string): Promise<LoginRole> {
  const client = new pg.Client({ connectionString, options });
  await client.connect();
  try {
    return (await client.query<LoginRole>(LOGIN_ROLE_SQL)).rows[0]!;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await (await getDatabase()).close();
});

test("the app's own connection reports its login, not the role it switched to", async () => {
  const handle = await getDatabase();
  const [role] = await handle.base.$queryRawUnsafe<LoginRole[]>(LOGIN_ROLE_SQL);
  // The suites log in as postgres (PostgreSQL) or are the embedded database's superuser.
  expect(role).toEqual({ name: "postgres", privileged: true });
});

(url ? describe : describe.skip)("on PostgreSQL", () => {
  test("the superuser is privileged even with `-c role=civitas_app`, and SET ROLE NONE proves why", async () => {
    expect(await probe(url!, "-c role=civitas_app")).toEqual({ name: "postgres", privileged: true });
    const client = new pg.Client({ connectionString: url, options: "-c role=civitas_app" });
    await client.connect();
    try {
      // RESET ROLE goes back to the startup option's civitas_app; SET ROLE NONE to the login itself.
      await client.query("SET ROLE NONE");
      expect((await client.query("SELECT current_user AS u")).rows[0].u).toBe("postgres");
    } finally {
      await client.end();
    }
  });

  test("the login role from db:app-login is not privileged, and SET ROLE NONE leaves it under RLS", async () => {
    execFileSync("npx", ["tsx", "scripts/db/app-login.ts"], { env: process.env, stdio: "pipe" });
    expect(await probe(asLogin("civitas_web"))).toEqual({ name: "civitas_web", privileged: false });
    const client = new pg.Client({ connectionString: asLogin("civitas_web"), options: "-c role=civitas_app" });
    await client.connect();
    try {
      await client.query("SET ROLE NONE");
      expect((await client.query("SELECT count(*)::int AS n FROM citizens")).rows[0].n).toBe(0); // no tenant set: RLS hides all
    } finally {
      await client.end();
    }
  });

  test("a login that is a member of a BYPASSRLS role counts as privileged, and db:app-login refuses such a role", async () => {
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    const name = `login_probe_${randomUUID().slice(0, 8)}`;
    try {
      await owner.query(`CREATE ROLE ${name}_bypass NOLOGIN BYPASSRLS`);
      await owner.query(`CREATE ROLE ${name} LOGIN IN ROLE ${name}_bypass`);
      expect(await probe(asLogin(name))).toEqual({ name, privileged: true });
      expect(() =>
        execFileSync("npx", ["tsx", "scripts/db/app-login.ts", "--name", name], { env: process.env, stdio: "pipe" }),
      ).toThrow(/member of a SUPERUSER or BYPASSRLS role/);
    } finally {
      await owner.query(`DROP ROLE IF EXISTS ${name}`);
      await owner.query(`DROP ROLE IF EXISTS ${name}_bypass`);
      await owner.end();
    }
  });
});
