// The start-up rule for the database login (lib/db/login-role.ts): production refuses a login
// that is, or can become, superuser or BYPASSRLS; development warns once; tests stay quiet.
import { checkLoginRole, StartupRefusedError } from "@/lib/db/login-role";

const privileged = { name: "postgres", privileged: true };
const plain = { name: "civitas_web", privileged: false };

beforeEach(() => {
  delete (globalThis as { civitasLoginRoleWarned?: boolean }).civitasLoginRoleWarned;
});

test("production: a privileged login stops the server with a message naming it and the fix", () => {
  const warn = jest.fn();
  expect(() => checkLoginRole(privileged, { NODE_ENV: "production", DATABASE_APP_ROLE: "civitas_app" }, warn)).toThrow(
    StartupRefusedError,
  );
  try {
    checkLoginRole(privileged, { NODE_ENV: "production", DATABASE_APP_ROLE: "civitas_app" }, warn);
  } catch (err) {
    expect((err as Error).message).toMatch(
      /logs in as "postgres".*SET ROLE NONE.*npm run db:app-login.*IN ROLE civitas_app/,
    );
  }
  expect(warn).not.toHaveBeenCalled();
});

test("production: an unprivileged login starts", () => {
  expect(() =>
    checkLoginRole(plain, { NODE_ENV: "production", DATABASE_APP_ROLE: "civitas_app" }, jest.fn()),
  ).not.toThrow();
});

test("development: one warning per process, however often the database is opened", () => {
  const warn = jest.fn();
  checkLoginRole(privileged, { NODE_ENV: "development", DATABASE_APP_ROLE: "civitas_app" }, warn);
  checkLoginRole(privileged, { NODE_ENV: "development", DATABASE_APP_ROLE: "civitas_app" }, warn);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]![0]).toContain("SET ROLE NONE");
  checkLoginRole(plain, { NODE_ENV: "development", DATABASE_APP_ROLE: "civitas_app" }, warn);
  expect(warn).toHaveBeenCalledTimes(1);
});
