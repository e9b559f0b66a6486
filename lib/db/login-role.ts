// Who the application logs in to PostgreSQL as. Row-level security holds only while SQL runs
// as the app role: every pooled connection switches to it (`-c role=civitas_app`), but when the
// *session* (login) user is a superuser or BYPASSRLS, or may become one (a member of such a
// role), any statement that runs can undo the switch (SET ROLE NONE, or SET ROLE to the
// privileged role) and read every tenant.
// The chat-over-data feature runs SQL a model wrote, so production refuses such a login; the
// supported set-up is a login role that is only a member of the app role (npm run db:app-login).
import type { Config } from "@/lib/config";

/** One row: the login role and whether it is, or can become, superuser or BYPASSRLS. */
export const LOGIN_ROLE_SQL = `SELECT session_user::text AS name,
  EXISTS (SELECT 1 FROM pg_roles r WHERE (r.rolsuper OR r.rolbypassrls) AND pg_has_role(session_user, r.oid, 'MEMBER')) AS privileged`;

export type LoginRole = { name: string; privileged: boolean };

/** Thrown when the server must not start; lib/server/start.ts prints it and exits. */
export class StartupRefusedError extends Error {
  override name = "StartupRefusedError";
}

export function privilegedLoginMessage(role: LoginRole, appRole: string): string {
  return (
    `DATABASE_URL logs in as "${role.name}", which is (or can become) a superuser or BYPASSRLS role: ` +
    `any SQL the app runs could SET ROLE NONE and read every tenant's rows, whatever row-level security says. ` +
    `Log in as a role that is only a member of ${appRole}: as the schema owner, run ` +
    `\`DATABASE_URL=<owner url> APP_DATABASE_PASSWORD=<password> npm run db:app-login\` ` +
    `(creates the login role civitas_web IN ROLE ${appRole}), then start the app with ` +
    `DATABASE_URL=postgresql://civitas_web:<password>@<host>/<database>. Migrations keep running as the owner (npm run db:migrate).`
  );
}

/**
 * Production: a privileged login stops the server. Elsewhere: one warning per process, since
 * development and the test suites commonly use the `postgres` superuser on a local cluster.
 */
export function checkLoginRole(
  role: LoginRole,
  config: Pick<Config, "NODE_ENV" | "DATABASE_APP_ROLE">,
  warn: (message: string) => void,
): void {
  if (!role.privileged) return;
  const message = privilegedLoginMessage(role, config.DATABASE_APP_ROLE);
  if (config.NODE_ENV === "production") throw new StartupRefusedError(message);
  const g = globalThis as unknown as { civitasLoginRoleWarned?: boolean };
  if (g.civitasLoginRoleWarned || config.NODE_ENV === "test") return;
  g.civitasLoginRoleWarned = true;
  warn(message);
}
