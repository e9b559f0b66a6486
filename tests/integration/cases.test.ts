// Cases through their business functions (lib/cases): opening, the status workflow, optimistic
// locking (a stale or concurrent edit never lands), who may be assigned, notes, the timeline and
// audit trail, tenant isolation (another tenant's case id is "not found"), and the list's filters
// and keyset pagination.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import type { TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { listCases, type CaseListItem } from "@/lib/cases/list";
import {
  addCaseNote,
  assignCase,
  changeCaseStatus,
  createCase,
  StaleCaseError,
  updateCase,
} from "@/lib/cases/mutations";
import { getCase, listAssignees } from "@/lib/cases/read";
import { caseListQuerySchema, createCaseSchema, updateCaseSchema, type CaseListQuery } from "@/lib/cases/schemas";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Case, CaseStatus, Role } from "@/lib/generated/prisma/client";
import { inRequestContext } from "../support/request-context";

type U = { id: string; name: string };

async function user(label: string): Promise<U> {
  const db = await getDb();
  return db.user.create({
    data: {
      email: `${label}-${randomUUID().slice(0, 8)}@cases.test`,
      name: `${label} person`,
      emailVerifiedAt: new Date(),
    },
    select: { id: true, name: true },
  });
}

const ctxFor = (tenantId: string, u: U, role: Role): TenantContext => ({
  tenantId,
  userId: u.id,
  role,
  requestId: "test",
});

/** A tenant with a MEMBER to act as, and one citizen. */
async function world() {
  const db = await getDb();
  const tenant = await db.tenant.create({ data: { slug: `cases-${randomUUID().slice(0, 10)}`, name: "Cases Org" } });
  const member = await addMember(tenant.id, "MEMBER", "dana");
  const citizen = await addCitizen(tenant.id, "Ada");
  return { tenantId: tenant.id, member, ctx: ctxFor(tenant.id, member, "MEMBER"), citizen };
}

async function addMember(tenantId: string, role: Role, label = role.toLowerCase()): Promise<U> {
  const u = await user(label);
  await (await getDb()).forTenant({ tenantId }).membership.create({ data: { tenantId, userId: u.id, role } });
  return u;
}

async function addCitizen(tenantId: string, firstName: string) {
  const db = await getDb();
  return db.forTenant({ tenantId }).citizen.create({ data: { tenantId, firstName, lastName: "Lovelace" } });
}

/** Opens a case through the shared schema, as the server action does. */
/** As the tenant action runs it: inside the guard's context for this member and request. */
function open(ctx: TenantContext, citizenId: string, fields: Record<string, unknown> = {}): Promise<Case> {
  return inRequestContext(ctx, () =>
    createCase(ctx, createCaseSchema.parse({ citizenId, title: "Broken street light", ...fields })),
  );
}

async function auditActions(
  tenantId: string,
  targetId?: string,
): Promise<Array<{ action: string; actor_id: string | null }>> {
  const db = await getDb();
  return db
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ action: string; actor_id: string | null }>
        >`SELECT action, actor_id::text FROM audit_events WHERE tenant_id = ${tenantId}::uuid AND (${targetId ?? null}::text IS NULL OR target_id = ${targetId ?? null}) ORDER BY seq`,
    );
}

async function rawCase(tenantId: string, id: string) {
  return (await getDb()).forTenant({ tenantId }).case.findUniqueOrThrow({ where: { id } });
}

async function eventCount(tenantId: string, caseId: string) {
  return (await getDb()).forTenant({ tenantId }).caseEvent.count({ where: { caseId } });
}

const move = (ctx: TenantContext, c: Pick<Case, "id" | "version">, status: CaseStatus) =>
  changeCaseStatus(ctx, { id: c.id, version: c.version, status });

beforeAll(async () => {
  await getDb();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

describe("opening a case", () => {
  test("starts OPEN at version 1, with a CREATED timeline entry and an audited case.created", async () => {
    const { tenantId, ctx, citizen, member } = await world();
    const created = await open(ctx, citizen.id, {
      description: "Pole 14, since Monday",
      category: "lighting",
      priority: "HIGH",
      dueAt: "2030-05-01",
    });
    expect(created).toMatchObject({
      status: "OPEN",
      version: 1,
      priority: "HIGH",
      category: "lighting",
      citizenId: citizen.id,
      createdById: member.id,
      assigneeId: null,
    });
    // The due day is kept whole: the last second of that day (UTC).
    expect(created.dueAt?.toISOString()).toBe("2030-05-01T23:59:59.000Z");

    const detail = await getCase(ctx, created.id);
    expect(detail.citizen).toEqual({ id: citizen.id, firstName: "Ada", lastName: "Lovelace", preferredLanguage: "en" });
    expect(detail.timeline).toEqual([
      expect.objectContaining({ kind: "CREATED", toStatus: "OPEN", authorName: member.name }),
    ]);
    expect(await auditActions(tenantId, created.id)).toEqual([{ action: "case.created", actor_id: member.id }]);
  });

  test("for a citizen of another tenant, or a deleted one: a field error, and no case", async () => {
    const a = await world();
    const b = await world();
    const err = await open(a.ctx, b.citizen.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.citizenId).toBeDefined();

    const db = await getDb();
    await db
      .forTenant({ tenantId: a.tenantId })
      .citizen.update({ where: { id: a.citizen.id }, data: { deletedAt: new Date() } });
    await expect(open(a.ctx, a.citizen.id)).rejects.toThrow(ValidationError);
    expect(await db.forTenant({ tenantId: a.tenantId }).case.count()).toBe(0);
  });
});

describe("the status workflow", () => {
  test("allowed moves bump the version, land in the timeline and the audit log; resolving stamps resolvedAt, reopening clears it", async () => {
    const { tenantId, ctx, citizen, member } = await world();
    let c = await open(ctx, citizen.id);
    c = await move(ctx, c, "IN_PROGRESS");
    expect(c).toMatchObject({ status: "IN_PROGRESS", version: 2, resolvedAt: null });
    c = await move(ctx, c, "WAITING");
    c = await move(ctx, c, "RESOLVED");
    expect(c.status).toBe("RESOLVED");
    expect(c.resolvedAt).toBeInstanceOf(Date);
    c = await move(ctx, c, "OPEN");
    expect(c).toMatchObject({ status: "OPEN", version: 5, resolvedAt: null });

    const { timeline } = await getCase(ctx, c.id);
    expect(
      timeline.filter((e) => e.kind === "STATUS_CHANGED").map((e) => [e.fromStatus, e.toStatus, e.authorName]),
    ).toEqual([
      ["OPEN", "IN_PROGRESS", member.name],
      ["IN_PROGRESS", "WAITING", member.name],
      ["WAITING", "RESOLVED", member.name],
      ["RESOLVED", "OPEN", member.name],
    ]);
    expect((await auditActions(tenantId, c.id)).map((a) => a.action)).toEqual([
      "case.created",
      "case.status_changed",
      "case.status_changed",
      "case.status_changed",
      "case.reopened",
    ]);
  });

  test("a move the workflow does not allow is refused and changes nothing", async () => {
    const { tenantId, ctx, citizen } = await world();
    let c = await open(ctx, citizen.id);
    c = await move(ctx, c, "IN_PROGRESS");
    c = await move(ctx, c, "WAITING");
    const err = await move(ctx, c, "OPEN").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.status).toBeDefined();
    c = await move(ctx, c, "CLOSED");
    await expect(move(ctx, c, "RESOLVED")).rejects.toThrow(ValidationError);
    await expect(move(ctx, c, "WAITING")).rejects.toThrow(ValidationError);
    expect(await rawCase(tenantId, c.id)).toMatchObject({ status: "CLOSED", version: 4 });
    expect(await eventCount(tenantId, c.id)).toBe(4);
  });

  test("moving to the status it already has is a no-op (no version bump, no event)", async () => {
    const { tenantId, ctx, citizen } = await world();
    const c = await open(ctx, citizen.id);
    expect(await move(ctx, c, "OPEN")).toMatchObject({ status: "OPEN", version: 1 });
    expect(await eventCount(tenantId, c.id)).toBe(1);
  });
});

describe("optimistic locking", () => {
  test("a stale version is a StaleCaseError (a CONFLICT carrying the current version) and nothing changes", async () => {
    const { tenantId, ctx, citizen } = await world();
    const c = await open(ctx, citizen.id, { title: "Original title" });
    const moved = await move(ctx, c, "IN_PROGRESS");

    const stale = await updateCase(
      ctx,
      updateCaseSchema.parse({ id: c.id, version: c.version, title: "My title" }),
    ).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleCaseError);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as StaleCaseError).details).toEqual({ currentVersion: 2, status: "IN_PROGRESS" });
    await expect(move(ctx, c, "RESOLVED")).rejects.toThrow(StaleCaseError);
    await expect(assignCase(ctx, { id: c.id, version: c.version, assigneeId: ctx.userId })).rejects.toThrow(
      StaleCaseError,
    );

    expect(await rawCase(tenantId, c.id)).toMatchObject({
      title: "Original title",
      status: "IN_PROGRESS",
      version: moved.version,
      assigneeId: null,
    });
    expect(await eventCount(tenantId, c.id)).toBe(2);
  });

  test("two status changes sent with the same version at once: exactly one lands", async () => {
    const { tenantId, ctx, citizen } = await world();
    const c = await open(ctx, citizen.id);
    const results = await Promise.allSettled([move(ctx, c, "IN_PROGRESS"), move(ctx, c, "WAITING")]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(StaleCaseError);

    const row = await rawCase(tenantId, c.id);
    expect(row.version).toBe(2);
    expect(row.status).toBe((fulfilled[0] as PromiseFulfilledResult<Case>).value.status);
    expect((await getCase(ctx, c.id)).timeline.filter((e) => e.kind === "STATUS_CHANGED")).toHaveLength(1);
  });

  test("an edit with the current version saves the changed fields and records which ones", async () => {
    const { tenantId, ctx, citizen } = await world();
    const c = await open(ctx, citizen.id, { title: "Original title", priority: "LOW" });
    const updated = await updateCase(
      ctx,
      updateCaseSchema.parse({
        id: c.id,
        version: 1,
        title: "Better title",
        priority: "LOW",
        dueAt: "2031-01-02",
        category: "",
      }),
    );
    expect(updated).toMatchObject({ title: "Better title", version: 2, category: null });
    const { timeline } = await getCase(ctx, c.id);
    expect(timeline.at(-1)).toMatchObject({ kind: "UPDATED", body: "Changed title, dueAt" });
    expect((await auditActions(tenantId, c.id)).map((a) => a.action)).toEqual(["case.created", "case.updated"]);
  });
});

describe("editing keeps what was not changed", () => {
  test("changing only the priority keeps the stored due time; a new day is stored as that day's end", async () => {
    const { tenantId, ctx, citizen } = await world();
    const c = await open(ctx, citizen.id, { title: "Due at noon", priority: "LOW" });
    // A due time other than the form's 23:59:59 (set by an import or an older version).
    const noon = new Date("2031-11-26T12:58:00.000Z");
    const db = await getDb();
    await db.forTenant({ tenantId }).case.update({ where: { id: c.id }, data: { dueAt: noon } });
    const form = { id: c.id, title: "Due at noon", category: "", dueAt: "2031-11-26" };
    const updated = await updateCase(ctx, updateCaseSchema.parse({ ...form, version: 1, priority: "HIGH" }));
    expect(updated.dueAt?.toISOString()).toBe(noon.toISOString());
    const { timeline } = await getCase(ctx, c.id);
    expect(timeline.at(-1)).toMatchObject({ kind: "UPDATED", body: "Changed priority" });
    const moved = await updateCase(
      ctx,
      updateCaseSchema.parse({ ...form, version: 2, priority: "HIGH", dueAt: "2031-11-27" }),
    );
    expect(moved.dueAt?.toISOString()).toBe("2031-11-27T23:59:59.000Z");
    const cleared = await updateCase(ctx, updateCaseSchema.parse({ ...form, version: 3, priority: "HIGH", dueAt: "" }));
    expect(cleared.dueAt).toBeNull();
  });
});

describe("assignment", () => {
  test("only members who may work on cases can be assigned; refusals change nothing", async () => {
    const { tenantId, ctx, citizen, member } = await world();
    const viewer = await addMember(tenantId, "VIEWER");
    const compliance = await addMember(tenantId, "COMPLIANCE");
    const outsider = await user("outsider");
    const admin = await addMember(tenantId, "ADMIN");
    const c = await open(ctx, citizen.id);

    for (const who of [viewer, compliance, outsider]) {
      const err = await assignCase(ctx, { id: c.id, version: 1, assigneeId: who.id }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fieldErrors.assigneeId).toBeDefined();
      await expect(open(ctx, citizen.id, { assigneeId: who.id })).rejects.toThrow(ValidationError);
    }
    expect(await rawCase(tenantId, c.id)).toMatchObject({ version: 1, assigneeId: null });

    expect((await listAssignees(ctx)).map((a) => a.id).sort()).toEqual([member.id, admin.id].sort());

    const assigned = await assignCase(ctx, { id: c.id, version: 1, assigneeId: admin.id });
    expect(assigned).toMatchObject({ assigneeId: admin.id, version: 2 });
    const unassigned = await assignCase(ctx, { id: c.id, version: 2 });
    expect(unassigned).toMatchObject({ assigneeId: null, version: 3 });
    const { timeline, assignee } = await getCase(ctx, c.id);
    expect(assignee).toBeNull();
    expect(timeline.filter((e) => e.kind === "ASSIGNED").map((e) => e.assigneeName)).toEqual([admin.name, null]);
    expect((await auditActions(tenantId, c.id)).map((a) => a.action)).toEqual([
      "case.created",
      "case.assigned",
      "case.assigned",
    ]);
  });

  test("a case whose assignee became a viewer can still be edited without reassigning it", async () => {
    const { tenantId, ctx, citizen } = await world();
    const colleague = await addMember(tenantId, "MEMBER", "lee");
    const c = await open(ctx, citizen.id, { assigneeId: colleague.id });
    await (
      await getDb()
    )
      .forTenant({ tenantId })
      .membership.update({ where: { tenantId_userId: { tenantId, userId: colleague.id } }, data: { role: "VIEWER" } });
    const updated = await updateCase(
      ctx,
      updateCaseSchema.parse({ id: c.id, version: 1, title: "Still theirs", assigneeId: colleague.id }),
    );
    expect(updated).toMatchObject({ title: "Still theirs", assigneeId: colleague.id });
    // …but nobody can newly give them a case.
    await expect(open(ctx, citizen.id, { assigneeId: colleague.id })).rejects.toThrow(ValidationError);
  });
});

describe("notes", () => {
  test("a note joins the timeline (line breaks kept) and the audit log, without bumping the version", async () => {
    const { tenantId, ctx, citizen, member } = await world();
    const c = await open(ctx, citizen.id);
    const note = await addCaseNote(ctx, { id: c.id, body: "Called the citizen.\nWill call back <b>Friday</b>." });
    const { timeline, version } = await getCase(ctx, c.id);
    expect(timeline.at(-1)).toMatchObject({
      id: note.id,
      kind: "NOTE",
      body: "Called the citizen.\nWill call back <b>Friday</b>.",
      authorName: member.name,
    });
    expect(version).toBe(1);
    expect((await auditActions(tenantId, c.id)).map((a) => a.action)).toEqual(["case.created", "case.note_added"]);
  });
});

describe("tenant isolation", () => {
  test("another tenant's case id is not found for every operation, and stays untouched", async () => {
    const a = await world();
    const b = await world();
    const theirs = await open(b.ctx, b.citizen.id, { title: "B's case" });

    await expect(getCase(a.ctx, theirs.id)).rejects.toThrow(NotFoundError);
    await expect(
      updateCase(a.ctx, updateCaseSchema.parse({ id: theirs.id, version: 1, title: "Hijacked" })),
    ).rejects.toThrow(NotFoundError);
    await expect(move(a.ctx, theirs, "CLOSED")).rejects.toThrow(NotFoundError);
    await expect(assignCase(a.ctx, { id: theirs.id, version: 1, assigneeId: a.member.id })).rejects.toThrow(
      NotFoundError,
    );
    await expect(addCaseNote(a.ctx, { id: theirs.id, body: "Peek" })).rejects.toThrow(NotFoundError);
    expect((await listCases(a.ctx, caseListQuerySchema.parse({}))).items).toEqual([]);

    expect(await rawCase(b.tenantId, theirs.id)).toMatchObject({ title: "B's case", status: "OPEN", version: 1 });
    expect(await eventCount(b.tenantId, theirs.id)).toBe(1);
    expect(await auditActions(a.tenantId)).toEqual([]);
  });

  test("a malformed case id is not found either (not a database error)", async () => {
    const { ctx } = await world();
    await expect(getCase(ctx, "not-a-uuid")).rejects.toThrow(NotFoundError);
  });
});

describe("listing cases", () => {
  const list = (ctx: TenantContext, params: Record<string, unknown> = {}) =>
    listCases(ctx, caseListQuerySchema.parse(params));
  const titles = async (ctx: TenantContext, params: Record<string, unknown> = {}) =>
    (await list(ctx, params)).items.map((i) => i.title).sort();

  test("a title search with a typo that finds nothing shows the similar titles, best first, said so", async () => {
    const { ctx, citizen } = await world();
    await open(ctx, citizen.id, { title: "Broken street light" });
    await open(ctx, citizen.id, { title: "Street light flickers", priority: "HIGH" });
    await open(ctx, citizen.id, { title: "Noise complaint" });
    const exact = await list(ctx, { q: "street light" });
    expect(exact.similarTitles).toBe(false);
    expect(exact.items.map((i) => i.title).sort()).toEqual(["Broken street light", "Street light flickers"]);

    const typo = await list(ctx, { q: "stret light" });
    expect(typo.similarTitles).toBe(true);
    expect(typo.items.map((i) => i.title).sort()).toEqual(["Broken street light", "Street light flickers"]);
    expect(typo.nextCursor).toBeNull();
    // Filters still apply to the similar titles.
    expect((await list(ctx, { q: "stret light", priority: "HIGH" })).items.map((i) => i.title)).toEqual([
      "Street light flickers",
    ]);
    // Nothing close: an honest empty result, not the fallback.
    const none = await list(ctx, { q: "xylophone" });
    expect(none).toMatchObject({ items: [], similarTitles: false });
  });

  test("filters: open, overdue, status, assignee me/none/id, citizen, priority, category, title search, created range", async () => {
    const { tenantId, ctx, citizen, member } = await world();
    const colleague = await addMember(tenantId, "MEMBER", "lee");
    const other = await addCitizen(tenantId, "Grace");
    const late = await open(ctx, citizen.id, {
      title: "Late permit 100%",
      dueAt: "2020-01-01",
      assigneeId: member.id,
      category: "permits",
    });
    await open(ctx, citizen.id, {
      title: "Future permit",
      dueAt: "2099-01-01",
      assigneeId: colleague.id,
      priority: "URGENT",
    });
    const done = await open(ctx, other.id, { title: "Resolved late one", dueAt: "2020-01-01" });
    await move(ctx, done, "RESOLVED");
    await open(ctx, other.id, { title: "Unassigned noise" });

    expect(await titles(ctx)).toEqual(["Future permit", "Late permit 100%", "Resolved late one", "Unassigned noise"]);
    expect(await titles(ctx, { status: "open" })).toEqual(["Future permit", "Late permit 100%", "Unassigned noise"]);
    // Past due and still open; a resolved case is never overdue.
    expect(await titles(ctx, { status: "overdue" })).toEqual(["Late permit 100%"]);
    expect(await titles(ctx, { status: "RESOLVED" })).toEqual(["Resolved late one"]);
    expect(await titles(ctx, { assignee: "me" })).toEqual(["Late permit 100%"]);
    expect(await titles(ctx, { assignee: "none" })).toEqual(["Resolved late one", "Unassigned noise"]);
    expect(await titles(ctx, { assignee: colleague.id })).toEqual(["Future permit"]);
    expect(await titles(ctx, { citizenId: other.id })).toEqual(["Resolved late one", "Unassigned noise"]);
    expect(await titles(ctx, { priority: "URGENT" })).toEqual(["Future permit"]);
    expect(await titles(ctx, { category: "permits" })).toEqual(["Late permit 100%"]);
    expect(await titles(ctx, { q: "PERMIT" })).toEqual(["Future permit", "Late permit 100%"]);
    // LIKE wildcards in the search are literal characters.
    expect(await titles(ctx, { q: "100%" })).toEqual(["Late permit 100%"]);
    expect(await titles(ctx, { q: "_" })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await titles(ctx, { createdFrom: today, createdTo: today })).toHaveLength(4);
    expect(await titles(ctx, { createdTo: "2000-01-01" })).toEqual([]);
    // Without a `tz` of its own the days are the tenant's: a zone whose day differs from UTC's
    // right now (UTC−11 before 10:00 UTC, UTC+14 after) finds them on its own today only.
    const zone = new Date().getUTCHours() < 10 ? "Pacific/Pago_Pago" : "Pacific/Kiritimati";
    await (await getDb()).tenant.update({ where: { id: ctx.tenantId }, data: { timeZone: zone } });
    const localToday = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
    expect(localToday).not.toBe(today);
    expect(await titles(ctx, { createdFrom: localToday, createdTo: localToday })).toHaveLength(4);
    expect(await titles(ctx, { createdFrom: today, createdTo: today })).toEqual([]);
    expect(await titles(ctx, { createdFrom: today, createdTo: today, tz: "UTC" })).toHaveLength(4);
    await (await getDb()).tenant.update({ where: { id: ctx.tenantId }, data: { timeZone: "UTC" } });

    const [row] = (await list(ctx, { status: "overdue" })).items;
    expect(row).toMatchObject({
      id: late.id,
      citizenId: citizen.id,
      citizenName: "Ada Lovelace",
      assigneeId: member.id,
      assigneeName: member.name,
      status: "OPEN",
    });
  });

  test.each(["newest", "oldest", "due"] as const)(
    "cursor pagination (%s) returns every row exactly once",
    async (sort) => {
      const { ctx, citizen } = await world();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++)
        ids.push(
          (
            await open(ctx, citizen.id, {
              title: `Case number ${i}`,
              dueAt: `2030-01-${String(10 - (i % 3)).padStart(2, "0")}`,
            })
          ).id,
        );

      const seen: CaseListItem[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const query: CaseListQuery = caseListQuerySchema.parse({ sort, limit: 3, cursor });
        const page = await listCases(ctx, query);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);

      expect(pages).toBe(3);
      const seenIds = seen.map((i) => i.id);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      expect([...seenIds].sort()).toEqual([...ids].sort());
      // In the order of the sort key, ties broken by id, across page boundaries too.
      const sortKey = (i: CaseListItem) => `${(sort === "due" ? i.dueAt! : i.createdAt).toISOString()} ${i.id}`;
      const keys = seen.map(sortKey);
      const byteOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
      expect(keys).toEqual([...keys].sort((x, y) => (sort === "newest" ? byteOrder(y, x) : byteOrder(x, y))));
    },
  );

  test("a tampered cursor is a validation error, not a crash", async () => {
    const { ctx } = await world();
    await expect(list(ctx, { cursor: "bm90LWEtY3Vyc29y" })).rejects.toThrow(ValidationError);
  });
});
