// Fault injection without root: the app's database handle goes through a TCP proxy
// (tests/support/tcp-proxy.ts) that the test cuts and restores. While it is cut, "could not
// check" must never read as "not signed in" or "not a member": the session check, the
// membership look-up and the business functions throw DatabaseUnavailableError, the route
// mapper answers 503 with Retry-After, middleware answers 503 (never a redirect to sign-in) and
// leaves the cookie alone, and each failure is one rate-limited log line. After restore the
// same cookie works again; acknowledged writes are in the database, unacknowledged ones are not
// there twice, and a COMMIT whose answer was lost is reported as "may not have been saved".
//
// PostgreSQL only: the embedded PGlite database runs in-process, with no connection to cut.
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

const upstreamUrl = process.env.DATABASE_URL;
let requestHeaders = new Headers();
jest.mock("next/headers", () => ({ headers: async () => requestHeaders }));

import { getDatabase, getDb } from "@/lib/db";
import { classifyDatabaseError, DatabaseUnavailableError } from "@/lib/db/unavailable";
import { WriteOutcomeUnknownError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { currentUser } from "@/lib/auth/session";
import { authorizeTenant } from "@/lib/auth/authorize";
import { withTenant } from "@/lib/auth/guard";
import { authSecret } from "@/lib/auth/secret";
import { refreshSessionCookie } from "@/lib/auth/sessions/cookie";
import { startSession } from "@/lib/auth/sessions/store";
import { ROTATE_AFTER_MS } from "@/lib/auth/sessions/policy";
import { createCitizen, setCitizenTags } from "@/lib/citizens/mutations";
import { listCases } from "@/lib/cases/list";
import { createCitizenSchema } from "@/lib/citizens/schemas";
import { caseListQuerySchema } from "@/lib/cases/schemas";
import { middleware } from "@/middleware";
import type { TenantContext } from "@/lib/context/request-context";

const COOKIE = "authjs.session-token";
const describeOnPostgres = upstreamUrl ? describe : describe.skip;
if (!upstreamUrl) {
  process.stdout.write(
    "\n[database-outage] skipped: the embedded PGlite database has no connection to cut (set DATABASE_URL to run it on PostgreSQL)\n",
  );
}

describeOnPostgres("a database outage through a TCP proxy", () => {
  let proxy: TcpProxy;
  let owner: Client;
  let world: { slug: string; tenantId: string; userId: string; email: string; cookie: string; ctx: TenantContext };
  const errorLines = jest.fn();

  async function sessionCookie(userId: string, email: string, iatMs = Date.now()): Promise<string> {
    const { sessionId, generation } = await startSession(userId);
    return encode({
      token: { sub: userId, email, name: "Outage Probe", sid: sessionId, gen: generation, iat_ms: iatMs },
      secret: authSecret(),
      salt: COOKIE,
      maxAge: 8 * 3600,
    });
  }

  function signedInAs(cookie: string, requestId = `req-${randomUUID()}`) {
    requestHeaders = new Headers({
      host: "localhost:3000",
      "x-forwarded-proto": "http",
      cookie: `${COOKIE}=${cookie}`,
      "x-request-id": requestId,
    });
  }

  function outageLines() {
    return errorLines.mock.calls
      .map((c) => c[0] as Record<string, unknown>)
      .filter((f) => f?.event === "db.unavailable");
  }

  /** Matches the first COMMIT after a statement writing `table` (earlier reads commit too). */
  function commitAfterWriteTo(table: string) {
    let wrote = false;
    return (chunk: Buffer) => {
      const text = chunk.toString("latin1");
      if (new RegExp(`(INSERT INTO|UPDATE) "public"."${table}"`).test(text)) wrote = true;
      return wrote && text.includes("COMMIT");
    };
  }

  async function ownerCount(sql: string, values: unknown[]): Promise<number> {
    return Number((await owner.query<{ n: string }>(sql, values)).rows[0]!.n);
  }

  const listRoute = withTenant<{ tenant: string }>("citizen.read", async (_req, ctx) => {
    const page = await listCases(ctx, caseListQuerySchema.parse({}));
    return Response.json({ items: page.items.length });
  });
  const callRoute = (cookie: string, requestId: string) =>
    listRoute(
      new NextRequest(`http://localhost:3000/api/tenants/${world.slug}/cases`, {
        headers: { cookie: `${COOKIE}=${cookie}`, "x-request-id": requestId },
      }),
      { params: Promise.resolve({ tenant: world.slug }) },
    );
  const pageRequest = (cookie: string) =>
    new NextRequest(`http://localhost:3000/${world.slug}/citizens`, { headers: { cookie: `${COOKIE}=${cookie}` } });

  beforeAll(async () => {
    const url = new URL(upstreamUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    // The app's own handle (lib/db/connect.ts connectPostgres, and the read pool) goes through
    // the proxy; the owner connection that checks the outcome does not.
    url.host = `127.0.0.1:${proxy.port}`;
    process.env.DATABASE_URL = url.toString();
    owner = new Client({ connectionString: upstreamUrl });
    await owner.connect();

    const db = await getDb();
    const slug = `outage-${randomUUID().slice(0, 8)}`;
    const tenant = await db.tenant.create({ data: { slug, name: "Outage Org" } });
    const email = `outage-${randomUUID().slice(0, 8)}@outage.test`;
    const user = await db.user.create({ data: { email, name: "Outage Probe", emailVerifiedAt: new Date() } });
    await db
      .forTenant({ tenantId: tenant.id })
      .membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "MEMBER" } });
    world = {
      slug,
      tenantId: tenant.id,
      userId: user.id,
      email,
      cookie: await sessionCookie(user.id, email),
      ctx: { tenantId: tenant.id, userId: user.id, role: "MEMBER", requestId: "req-outage" },
    };
    jest.spyOn(logger, "error").mockImplementation(errorLines as never);
  });

  afterEach(() => proxy.restore());

  afterAll(async () => {
    await owner?.end();
    await (await getDatabase()).close();
    await proxy?.close();
    process.env.DATABASE_URL = upstreamUrl;
  });

  test("healthy: the cookie signs in, the route answers 200", async () => {
    signedInAs(world.cookie);
    expect(await currentUser()).toMatchObject({ id: world.userId });
    expect((await callRoute(world.cookie, "req-healthy")).status).toBe(200);
  });

  test("cut: 503 and Unavailable everywhere, never 'signed out'; one log line per key; restore: the same cookie works", async () => {
    const before = await createCitizen(
      world.ctx,
      createCitizenSchema.parse({ firstName: "Acked", lastName: `before-${world.slug}` }),
    );
    errorLines.mockClear();
    proxy.cut();

    signedInAs(world.cookie);
    await expect(currentUser()).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const user = { id: world.userId, email: world.email, name: "Outage Probe" };
    await expect(authorizeTenant(user, world.slug, "citizen.read")).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(
      createCitizen(world.ctx, createCitizenSchema.parse({ firstName: "Unacked", lastName: `during-${world.slug}` })),
    ).rejects.toBeInstanceOf(DatabaseUnavailableError);

    const first = await callRoute(world.cookie, "req-outage-1");
    expect(first.status).toBe(503);
    expect(Number(first.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await first.json()).error).toMatchObject({ code: "UNAVAILABLE", details: { requestId: "req-outage-1" } });
    const second = await callRoute(world.cookie, "req-outage-2");
    expect(second.status).toBe(503);

    // One line for the first failure, with everything support needs; the identical second is counted, not written.
    const lines = outageLines().filter((l) => l.route === `/api/tenants/${world.slug}/cases`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      request_id: "req-outage-1",
      tenant: world.slug,
      user_id: world.userId,
      code: "UNAVAILABLE",
    });
    expect(["connect", "lost"]).toContain(lines[0]!.db_failure);
    expect(typeof lines[0]!.db_code).toBe("string");

    // Middleware: the page answers 503 itself, the cookie untouched — never a 307 to sign-in.
    const page = await middleware(pageRequest(world.cookie));
    expect(page.status).toBe(503);
    expect(page.headers.get("location")).toBeNull();
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(await page.text()).toContain("We can't reach the database — retrying");

    // A cookie due for refresh: the refresh could not run, so the cookie is left as it is.
    const due = await (async () => {
      proxy.restore();
      const c = await sessionCookie(world.userId, world.email, Date.now() - ROTATE_AFTER_MS - 1_000);
      proxy.cut();
      return c;
    })();
    const refresh = await refreshSessionCookie(pageRequest(due));
    expect(refresh.state.kind).toBe("unavailable");
    const dueAnswer = await middleware(pageRequest(due));
    expect([dueAnswer.status, dueAnswer.headers.get("set-cookie")]).toEqual([503, null]);

    proxy.restore();
    signedInAs(world.cookie);
    expect(await currentUser()).toMatchObject({ id: world.userId });
    expect((await callRoute(world.cookie, "req-after")).status).toBe(200);
    expect((await middleware(pageRequest(world.cookie))).status).toBe(200);

    // Acknowledged before: there. Refused during: not there.
    expect(await ownerCount("SELECT count(*) AS n FROM citizens WHERE id = $1::uuid", [before.id])).toBe(1);
    expect(
      await ownerCount("SELECT count(*) AS n FROM citizens WHERE tenant_id = $1::uuid AND first_name = 'Unacked'", [
        world.tenantId,
      ]),
    ).toBe(0);
  });

  test("a COMMIT that never reached the server: 'may not have been saved', and it is not there", async () => {
    proxy.dropWhen(commitAfterWriteTo("citizens"));
    const err = await createCitizen(
      world.ctx,
      createCitizenSchema.parse({ firstName: "Lost", lastName: `commit-${world.slug}` }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteOutcomeUnknownError);
    expect((err as Error).message).toMatch(/may not have been saved.*check before retrying/i);
    expect(
      await ownerCount("SELECT count(*) AS n FROM citizens WHERE tenant_id = $1::uuid AND first_name = 'Lost'", [
        world.tenantId,
      ]),
    ).toBe(0);
  });

  test("tags (idempotent): a lost COMMIT that did commit is found, not written twice; one that did not is retried once", async () => {
    const citizen = await createCitizen(
      world.ctx,
      createCitizenSchema.parse({ firstName: "Tagged", lastName: `tags-${world.slug}` }),
    );
    const audits = () =>
      ownerCount(
        "SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1::uuid AND target_id = $2 AND action = 'citizen.updated'",
        [world.tenantId, citizen.id],
      );

    proxy.dropWhen(commitAfterWriteTo("citizens"), { forward: true });
    const saved = await setCitizenTags(world.ctx, { id: citizen.id, version: citizen.version, tags: ["blip"] });
    expect(saved).toMatchObject({ tags: ["blip"], version: citizen.version + 1 });
    expect(await audits()).toBe(1);

    proxy.dropWhen(commitAfterWriteTo("citizens"));
    const retried = await setCitizenTags(world.ctx, {
      id: citizen.id,
      version: saved.version,
      tags: ["blip", "again"],
    });
    expect(retried).toMatchObject({ tags: ["blip", "again"], version: saved.version + 1 });
    expect(await audits()).toBe(2);
  });

  test("57P01 admin_shutdown from a real server is an outage", async () => {
    const victim = new Client({ connectionString: upstreamUrl });
    victim.on("error", () => {});
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const pending = victim.query("SELECT pg_sleep(5)").catch((e: unknown) => e);
    await owner.query("SELECT pg_terminate_backend($1)", [pid]);
    const err = await pending;
    await victim.end().catch(() => {});
    expect(classifyDatabaseError(err)).toEqual({ kind: "lost", code: "57P01" });
  });
});
