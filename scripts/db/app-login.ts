// Ensures the login role the app connects as in production: `civitas_web` (or --name), LOGIN,
// a member of the app role civitas_app and nothing else (NOSUPERUSER NOBYPASSRLS NOCREATEROLE
// NOCREATEDB), so SET ROLE NONE / RESET ROLE cannot lift row-level security (lib/db/login-role.ts).
// Run it as the schema owner after the migrations (they create civitas_app):
//   DATABASE_URL=<owner url> [APP_DATABASE_PASSWORD=…] npm run db:app-login [-- --name civitas_web]
// Without APP_DATABASE_PASSWORD the role gets no password (enough on a cluster with `trust`
// authentication, e.g. CI and the e2e run; with password authentication it cannot log in then).
// Idempotent: an existing role is checked (refused if it is privileged) and given the membership.
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: { name: { type: "string", default: "civitas_web" }, "app-role": { type: "string" } },
});
const name = values.name!;
const appRole = values["app-role"] ?? process.env.DATABASE_APP_ROLE ?? "civitas_app";
const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL (the schema owner's URL) is required");
  if (!ROLE.test(name) || !ROLE.test(appRole)) throw new Error("role names must be lower-case PostgreSQL identifiers");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const app = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
      [appRole],
    );
    if (app.rowCount === 0)
      throw new Error(`role ${appRole} does not exist: run the migrations first (npm run db:migrate)`);
    const existing = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
      "SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = $1",
      [name],
    );
    const row = existing.rows[0];
    if (row && (row.rolsuper || row.rolbypassrls || row.rolcreaterole))
      throw new Error(
        `role ${name} exists with SUPERUSER, BYPASSRLS or CREATEROLE: refusing to use it as the app's login`,
      );
    // Identifiers are checked above (CREATE ROLE takes no parameters); the password is a literal.
    const password = process.env.APP_DATABASE_PASSWORD
      ? ` PASSWORD ${client.escapeLiteral(process.env.APP_DATABASE_PASSWORD)}`
      : "";
    if (row) await client.query(`ALTER ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB${password}`);
    else await client.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB${password}`);
    await client.query(`GRANT ${appRole} TO ${name}`);
    const reach = await client.query<{ privileged: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE (r.rolsuper OR r.rolbypassrls) AND pg_has_role($1, r.oid, 'MEMBER')) AS privileged",
      [name],
    );
    if (reach.rows[0]!.privileged)
      throw new Error(`role ${name} is a member of a SUPERUSER or BYPASSRLS role: revoke that membership first`);
    console.log(
      `Login role ${name} ${row ? "checked" : "created"}: a member of ${appRole} only. Use it as DATABASE_URL for the app (postgresql://${name}:<password>@host/database).`,
    );
  } finally {
    await client.end();
  }
}

main().catch((err: Error) => {
  console.error(`db:app-login failed: ${err.message}`);
  process.exit(1);
});
