// The platform admin area's business functions and CLI, on the app's own database
// (PostgreSQL with DATABASE_URL, otherwise in-memory PGlite): listing and search, disabling a
// user (sessions revoked, audited, never oneself), the one audited cross-tenant read, and
// `npm run admin:create`. The guards' decision is unit-tested in tests/unit/platform-guard.test.ts.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { listTenants } from "@/lib/admin/list-tenants";
import { listUsers } from "@/lib/admin/list-users";
import { setUserDisabled } from "@/lib/admin/set-user-disabled";
import { readTenantAsPlatformAdmin } from "@/lib/admin/read-tenant";
import { getTenantMetadata } from "@/lib/admin/tenant-metadata";
import { getPlatformStats } from "@/lib/admin/stats";
import { setUserDisabledSchema } from "@/lib/admin/schemas";
import type { PlatformContext } from "@/lib/admin/types";
import { checkSession, startSession } from "@/lib/auth/sessions/store";
import { verifyPassword } from "@/lib/auth/password";
import { main as adminCreate } from "../../scripts/admin-create";
import { enrichLogContext } from "@/lib/context/request-context";
import { runWithRequestRecord } from "@/lib/context/request-record";
import { inRequestContext } from "../support/request-context";

// Unique per run: with DATABASE_URL the database is shared by every run and every file.
const run = randomUUID().slice(0, 8);
let n = 0;
const uniq = (label: string) => `${label}-${run}-${++n}`;

type AuditRow = {
  action: string;
  actor_id: string | null;
  actor_type: string;
  target_id: string | null;
  data: Record<string, unknown>;
};

async function createUser(over: { platformRole?: "ADMIN" | "NONE"; name?: string; disabled?: boolean } = {}) {
  const db = await getDb();
  return db.user.create({
    data: {
      email: `${uniq("user")}@admin.test`,
      name: over.name ?? "Probe User",
      platformRole: over.platformRole ?? "NONE",
      disabledAt: over.disabled ? new Date() : null,
    },
  });
}

async function createTenant(name: string, slug = uniq("t")) {
  const db = await getDb();
  return db.tenant.create({ data: { name, slug } });
}

/** Platform-chain events about one target: readable only with app.platform_audit on. */
async function platformEvents(targetId: string): Promise<AuditRow[]> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<AuditRow[]>`
      SELECT action, actor_id::text AS actor_id, actor_type, target_id, data FROM audit_events
       WHERE tenant_id IS NULL AND target_id = ${targetId} ORDER BY created_at, seq`;
  });
}

/** The tenant's own chain, read the way the tenant would: inside its RLS scope. */
async function tenantReadEvents(tenantId: string): Promise<AuditRow[]> {
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(
    (tx) =>
      tx.$queryRaw<AuditRow[]>`
      SELECT action, actor_id::text AS actor_id, actor_type, target_id, data FROM audit_events
       WHERE action = 'admin.tenant_read' ORDER BY seq`,
  );
}

let admin: { id: string };
let ctx: PlatformContext;

beforeAll(async () => {
  await getDb();
  admin = await createUser({ platformRole: "ADMIN", name: "Platform Admin" });
  ctx = { adminId: admin.id, requestId: `req-${run}` };
});

afterAll(async () => {
  await (await getDatabase()).close();
});

/** As platformAction / withPlatformAdmin run a function: the admin is the context's actor. */
const asAdmin = <T>(fn: () => Promise<T>): Promise<T> =>
  inRequestContext({ userId: admin.id, actorType: "platform_admin", requestId: ctx.requestId }, fn);

describe("listTenants", () => {
  test("searches name and slug case-insensitively, alphabetically, with member counts", async () => {
    const tag = uniq("Search");
    const b = await createTenant(`Bravo ${tag}`);
    const a = await createTenant(`Alpha ${tag}`);
    const bySlug = await createTenant("Charlie by slug", `${tag.toLowerCase()}-slug`);
    await createTenant(`Unrelated ${run}`);
    const db = await getDb();
    const [u1, u2] = [await createUser(), await createUser()];
    await db.forTenant({ tenantId: b.id }).membership.createMany({
      data: [
        { tenantId: b.id, userId: u1.id, role: "OWNER" },
        { tenantId: b.id, userId: u2.id, role: "VIEWER" },
      ],
    });

    // Names start with capitals: the order follows the database's collation (C on PGlite).
    const page = await listTenants({ q: tag.toUpperCase() });
    expect(page.items.map((t) => t.id)).toEqual([a.id, b.id, bySlug.id]);
    expect(page.nextCursor).toBeNull();
    expect(page.items.find((t) => t.id === b.id)).toMatchObject({
      memberCount: 2,
      name: `Bravo ${tag}`,
      parentName: null,
    });
    expect(page.items[0]!.createdAt).toBeInstanceOf(Date);
  });

  test("pages with a cursor until the last page", async () => {
    const tag = uniq("Pages");
    const created = [];
    for (const name of ["A", "B", "C", "D", "E"]) created.push(await createTenant(`${tag} ${name}`));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listTenants({ q: tag, cursor, limit: 2 });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(created.map((t) => t.id));
  });

  test("wildcards typed in the search are matched literally", async () => {
    const tag = uniq("Wild");
    const literal = await createTenant(`${tag} 100%_done`);
    await createTenant(`${tag} plain`);
    expect((await listTenants({ q: `${tag} 100%_` })).items.map((t) => t.id)).toEqual([literal.id]);
    expect((await listTenants({ q: `${tag}%plain` })).items).toEqual([]);
    expect((await listTenants({ q: `${tag} _lain` })).items).toEqual([]);
  });

  test("an empty search lists everything; a bad cursor or limit is a validation error", async () => {
    expect((await listTenants({ q: "   ", limit: 1 })).items).toHaveLength(1);
    await expect(listTenants({ cursor: "not-a-uuid" })).rejects.toBeInstanceOf(ValidationError);
    await expect(listTenants({ limit: 1000 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("listUsers", () => {
  test("searches email and name, with role, status, memberships and last sign-in", async () => {
    const name = uniq("Quinn");
    const db = await getDb();
    const withSessions = await createUser({ name });
    const idle = await createUser({ name: `${name} Idle`, disabled: true });
    await db.user.update({
      where: { id: withSessions.id },
      data: { emailVerifiedAt: new Date(), platformRole: "ADMIN" },
    });
    const tenant = await createTenant(uniq("Users tenant"));
    await db
      .forTenant({ tenantId: tenant.id })
      .membership.create({ data: { tenantId: tenant.id, userId: withSessions.id, role: "MEMBER" } });
    await startSession(withSessions.id);
    const { sessionId: newest } = await startSession(withSessions.id);
    const newestCreated = (await db.authSession.findUniqueOrThrow({ where: { id: newest } })).createdAt;

    const page = await listUsers({ q: name.toLowerCase() });
    expect(page.items.map((u) => u.id)).toEqual(
      [withSessions.id, idle.id].sort((x, y) => {
        const email = (id: string) => (id === withSessions.id ? withSessions.email : idle.email);
        return email(x).localeCompare(email(y));
      }),
    );
    expect(page.items.find((u) => u.id === withSessions.id)).toMatchObject({
      platformRole: "ADMIN",
      disabledAt: null,
      verified: true,
      membershipCount: 1,
      lastSignInAt: newestCreated,
    });
    expect(page.items.find((u) => u.id === idle.id)).toMatchObject({
      verified: false,
      membershipCount: 0,
      lastSignInAt: null,
    });
    expect(page.items.find((u) => u.id === idle.id)!.disabledAt).toBeInstanceOf(Date);

    // By email, and one row per page.
    const first = await listUsers({ q: withSessions.email.slice(0, 12), limit: 1 });
    expect(first.items).toHaveLength(1);
  });

  test("pages by cursor", async () => {
    const name = uniq("Paged");
    const users = [await createUser({ name }), await createUser({ name }), await createUser({ name })];
    const p1 = await listUsers({ q: name, limit: 2 });
    const p2 = await listUsers({ q: name, limit: 2, cursor: p1.nextCursor! });
    expect(p2.nextCursor).toBeNull();
    expect([...p1.items, ...p2.items].map((u) => u.id).sort()).toEqual(users.map((u) => u.id).sort());
  });
});

describe("setUserDisabled", () => {
  test("disabling revokes every session in the same transaction and is audited; enabling undoes it", async () => {
    const user = await createUser();
    const s1 = await startSession(user.id);
    const s2 = await startSession(user.id);

    const result = await asAdmin(() =>
      setUserDisabled(ctx, { userId: user.id, disabled: true, reason: "Reported compromised" }),
    );
    expect(result).toEqual({ userId: user.id, disabled: true, changed: true, revokedSessions: 2 });

    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeInstanceOf(Date);
    const sessions = await db.authSession.findMany({ where: { userId: user.id } });
    expect(sessions.map((s) => [s.revokedAt instanceof Date, s.revokedReason])).toEqual([
      [true, "user_disabled"],
      [true, "user_disabled"],
    ]);
    for (const s of [s1, s2]) {
      const state = await checkSession(s.sessionId, s.generation);
      expect(state.ok).toBe(false);
      expect(["revoked", "disabled"]).toContain(!state.ok && state.reason);
    }

    const events = await platformEvents(user.id);
    expect(events.map((e) => e.action)).toEqual(["session.revoked_all", "admin.user_disabled"]);
    expect(events[1]).toMatchObject({
      actor_id: admin.id,
      actor_type: "platform_admin",
      data: { reason: "Reported compromised", revokedSessions: 2 },
    });

    // Again: nothing changes, nothing more is written.
    expect(
      await asAdmin(() => setUserDisabled(ctx, { userId: user.id, disabled: true, reason: "Clicked twice" })),
    ).toMatchObject({ changed: false });
    expect(await platformEvents(user.id)).toHaveLength(2);

    expect(await asAdmin(() => setUserDisabled(ctx, { userId: user.id, disabled: false }))).toEqual({
      userId: user.id,
      disabled: false,
      changed: true,
      revokedSessions: 0,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    expect((await platformEvents(user.id)).at(-1)).toMatchObject({
      action: "admin.user_enabled",
      actor_id: admin.id,
      data: { reason: null },
    });
  });

  test("an admin cannot disable themselves", async () => {
    await expect(
      setUserDisabled(ctx, { userId: admin.id, disabled: true, reason: "Locking myself out" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
  });

  test("disabling needs a reason; bad input changes nothing", async () => {
    const user = await createUser();
    await startSession(user.id);
    for (const input of [
      { userId: user.id, disabled: true },
      { userId: user.id, disabled: true, reason: "  no " },
      { userId: "nope", disabled: true, reason: "Long enough" },
      { userId: user.id, disabled: "yes", reason: "Long enough" },
    ]) {
      await expect(setUserDisabled(ctx, input as never)).rejects.toBeInstanceOf(ValidationError);
    }
    const err = await setUserDisabled(ctx, { userId: user.id, disabled: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fieldErrors)).toEqual(["reason"]);
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    expect(await db.authSession.count({ where: { userId: user.id, revokedAt: { not: null } } })).toBe(0);
    expect(await platformEvents(user.id)).toEqual([]);
  });

  test("an unknown user is a 404", async () => {
    await expect(
      setUserDisabled(ctx, { userId: randomUUID(), disabled: true, reason: "Does not exist" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test("contexts of non-admins and of disabled admins are refused", async () => {
    const target = await createUser();
    const plain = await createUser();
    const disabledAdmin = await createUser({ platformRole: "ADMIN", disabled: true });
    for (const adminId of [plain.id, disabledAdmin.id, randomUUID(), "not-a-uuid"]) {
      await expect(
        setUserDisabled({ adminId, requestId: "r" }, { userId: target.id, disabled: true, reason: "Not allowed" }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();
  });

  test("the schema reads FormData's strings", () => {
    const id = randomUUID();
    expect(setUserDisabledSchema.parse({ userId: id, disabled: "false", reason: "" })).toEqual({
      userId: id,
      disabled: false,
    });
    expect(setUserDisabledSchema.parse({ userId: id, disabled: "true", reason: " Spam account " })).toEqual({
      userId: id,
      disabled: true,
      reason: "Spam account",
    });
  });
});

describe("readTenantAsPlatformAdmin: the one audited cross-tenant read", () => {
  async function tenantWithData() {
    const parent = await createTenant(uniq("Region"));
    const db = await getDb();
    const tenant = await db.tenant.create({ data: { name: uniq("Town"), slug: uniq("town"), parentId: parent.id } });
    const owner = await createUser({ name: "Olive Owner" });
    await db
      .forTenant({ tenantId: tenant.id })
      .membership.create({ data: { tenantId: tenant.id, userId: owner.id, role: "OWNER" } });
    await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(async (tx) => {
      const c1 = await tx.citizen.create({ data: { tenantId: tenant.id, firstName: "Ada", lastName: "Lovelace" } });
      await tx.citizen.create({ data: { tenantId: tenant.id, firstName: "Alan", lastName: "Turing" } });
      for (let i = 0; i < 12; i++) {
        await tx.case.create({
          data: {
            tenantId: tenant.id,
            citizenId: c1.id,
            title: `Case ${i}`,
            status: i % 3 === 0 ? "RESOLVED" : "OPEN",
            createdAt: new Date(Date.now() - (12 - i) * 60_000),
          },
        });
      }
    });
    // Another tenant's rows must not be counted.
    const other = await createTenant(uniq("Other"));
    await db
      .forTenant({ tenantId: other.id })
      .citizen.create({ data: { tenantId: other.id, firstName: "Not", lastName: "Counted" } });
    return { tenant, parent, owner };
  }

  test("returns the overview and records the read in the tenant's chain (and the platform's)", async () => {
    const { tenant, parent, owner } = await tenantWithData();
    expect(await getTenantMetadata(tenant.id)).toMatchObject({
      id: tenant.id,
      parent: { id: parent.id },
      memberCount: 1,
      childCount: 0,
    });
    expect(await tenantReadEvents(tenant.id)).toEqual([]);

    const overview = await asAdmin(() =>
      readTenantAsPlatformAdmin(ctx, { tenantId: tenant.id, reason: "  Support ticket 42  " }),
    );
    expect(overview.tenant).toMatchObject({
      id: tenant.id,
      name: tenant.name,
      parent: { id: parent.id, name: parent.name },
    });
    expect(overview.members).toEqual([{ userId: owner.id, name: "Olive Owner", email: owner.email, role: "OWNER" }]);
    expect(overview.citizenCount).toBe(2);
    expect(overview.casesByStatus).toEqual({ OPEN: 8, IN_PROGRESS: 0, WAITING: 0, RESOLVED: 4, CLOSED: 0 });
    expect(overview.recentCases.map((c) => c.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Case ${11 - i}`));

    const events = await tenantReadEvents(tenant.id);
    expect(events).toEqual([
      {
        action: "admin.tenant_read",
        actor_id: admin.id,
        actor_type: "platform_admin",
        target_id: tenant.id,
        data: { reason: "Support ticket 42" },
      },
    ]);
    expect((await platformEvents(tenant.id)).map((e) => [e.action, e.actor_id])).toEqual([
      ["admin.tenant_read", admin.id],
    ]);
  });

  test("requires a reason: bad input is a validation error and nothing is written", async () => {
    const { tenant } = await tenantWithData();
    for (const reason of [undefined, "", "    ", "why"]) {
      const err = await readTenantAsPlatformAdmin(ctx, { tenantId: tenant.id, reason } as never).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fieldErrors)).toEqual(["reason"]);
    }
    await expect(readTenantAsPlatformAdmin(ctx, { tenantId: "nope", reason: "Valid reason" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await tenantReadEvents(tenant.id)).toEqual([]);
    expect(await platformEvents(tenant.id)).toEqual([]);
  });

  test("an unknown tenant is a 404 and starts no audit chain", async () => {
    const ghost = randomUUID();
    await expect(
      readTenantAsPlatformAdmin(ctx, { tenantId: ghost, reason: "Looking for a ghost" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await tenantReadEvents(ghost)).toEqual([]);
    expect(await getTenantMetadata(ghost)).toBeNull();
    expect(await getTenantMetadata("not-a-uuid")).toBeNull();
  });

  test("from the admin page (a render: the HTTP request's record is its context) the events carry that request's id, IP and browser", async () => {
    const { tenant } = await tenantWithData();
    // What the HTTP hook opens for the request (lib/context/http-request-hook.ts), then what
    // requirePlatformAdmin adds when it lets the admin in.
    const record = { requestId: `req-page-${run}`, ip: "203.0.113.77", userAgent: "admin-page-probe" };
    await runWithRequestRecord(record, async () => {
      enrichLogContext({ userId: admin.id, actorType: "platform_admin" });
      await readTenantAsPlatformAdmin(ctx, { tenantId: tenant.id, reason: "Page render probe" });
    });
    const db = await getDb();
    const rows = await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(
      (tx) => tx.$queryRaw<
        { actor_id: string; actor_type: string; request_id: string; ip: string; user_agent: string }[]
      >`
        SELECT actor_id::text AS actor_id, actor_type, request_id, ip, user_agent FROM audit_events
         WHERE action = 'admin.tenant_read'`,
    );
    expect(rows).toEqual([
      {
        actor_id: admin.id,
        actor_type: "platform_admin",
        request_id: record.requestId,
        ip: record.ip,
        user_agent: record.userAgent,
      },
    ]);
    expect(record).toMatchObject({ userId: admin.id }); // the access line's record knows who it was
  });

  test("non-admin contexts are refused and leave no trace", async () => {
    const { tenant } = await tenantWithData();
    const plain = await createUser();
    await expect(
      readTenantAsPlatformAdmin(
        { adminId: plain.id, requestId: "r" },
        { tenantId: tenant.id, reason: "Curious member" },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await tenantReadEvents(tenant.id)).toEqual([]);
  });
});

describe("getPlatformStats", () => {
  test("counts tenants, users, disabled users and enabled admins", async () => {
    const before = await getPlatformStats();
    await createTenant(uniq("Stats"));
    await createUser({ disabled: true });
    await createUser({ platformRole: "ADMIN" });
    const after = await getPlatformStats();
    // >= rather than exact: other test files may write to a shared PostgreSQL at the same time.
    expect(after.tenants).toBeGreaterThanOrEqual(before.tenants + 1);
    expect(after.users).toBeGreaterThanOrEqual(before.users + 2);
    expect(after.disabledUsers).toBeGreaterThanOrEqual(before.disabledUsers + 1);
    expect(after.platformAdmins).toBeGreaterThanOrEqual(before.platformAdmins + 1);
  });
});

describe("npm run admin:create", () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, options: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  }

  test("creates a verified admin with a generated password, then is idempotent", async () => {
    const db = await getDb();
    const email = `${uniq("first-admin")}@admin.test`;
    const first = io();
    expect(await adminCreate(["--", email.toUpperCase()], { db, env: {}, ...first.options })).toBe(0);
    expect(first.out[0]).toContain(`Created platform admin ${email}`);
    const password = first.out.join("\n").match(/once[^:]*: (\S+)/)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.platformRole).toBe("ADMIN");
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await verifyPassword(password!, user.passwordHash!)).toBe(true);
    expect((await platformEvents(user.id)).map((e) => [e.action, e.actor_type, e.actor_id])).toEqual([
      ["admin.created", "system", null],
    ]);

    const second = io();
    expect(await adminCreate([email], { db, env: {}, ...second.options })).toBe(0);
    expect(second.out).toEqual([`${email} is already a platform admin; nothing to do.`]);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await platformEvents(user.id)).toHaveLength(1);
  });

  test("promotes an existing user without touching their password; ADMIN_PASSWORD sets a new account's", async () => {
    const db = await getDb();
    const existing = await createUser();
    const out = io();
    expect(
      await adminCreate([existing.email], { db, env: { ADMIN_PASSWORD: "ignored-for-existing" }, ...out.options }),
    ).toBe(0);
    expect(out.out.join("\n")).toContain("is now a platform admin");
    expect(out.out.join("\n")).not.toMatch(/Password/);
    expect(await db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({
      platformRole: "ADMIN",
      passwordHash: null,
    });

    const email = `${uniq("env-admin")}@admin.test`;
    const envRun = io();
    expect(
      await adminCreate([email], { db, env: { ADMIN_PASSWORD: "a-long-chosen-password" }, ...envRun.options }),
    ).toBe(0);
    expect(envRun.out.join("\n")).not.toMatch(/Password/);
    const created = await db.user.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword("a-long-chosen-password", created.passwordHash!)).toBe(true);
  });

  test.each([
    [[], "Missing the email address."],
    [["not-an-email"], 'Not a valid email address: "not-an-email".'],
    [[`one-${run}@admin.test`, `two-${run}@admin.test`], "Expected exactly one email address."],
  ])("usage error for %p: exit 2, nothing written", async (argv, message) => {
    const db = await getDb();
    const out = io();
    expect(await adminCreate(argv, { db, env: {}, ...out.options })).toBe(2);
    expect(out.err[0]).toBe(message);
    expect(out.err.join("\n")).toContain("Usage: npm run admin:create -- <email>");
    expect(await db.user.count({ where: { email: { in: argv } } })).toBe(0);
  });

  test("a too-short ADMIN_PASSWORD is a usage error", async () => {
    const db = await getDb();
    const out = io();
    const email = `${uniq("short")}@admin.test`;
    expect(await adminCreate([email], { db, env: { ADMIN_PASSWORD: "short" }, ...out.options })).toBe(2);
    expect(out.err[0]).toMatch(/ADMIN_PASSWORD must be at least 12 characters/);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});
