// Saved views through their business functions (lib/saved-views): each list's views need that
// list's permission and saved_view.*, sharing needs saved_view.share, only the author deletes,
// and every change is audited in its transaction.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import type { TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { deleteView } from "@/lib/saved-views/delete";
import { listSavedViews } from "@/lib/saved-views/list";
import { saveView } from "@/lib/saved-views/save";
import { saveViewSchema } from "@/lib/saved-views/schemas";

async function tenantWith(roles: Role[]): Promise<TenantContext[]> {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `sv-${randomUUID().slice(0, 12)}`, name: "Views probe" } });
  const out: TenantContext[] = [];
  for (const role of roles) {
    const user = await db.user.create({ data: { email: `sv-${randomUUID()}@views.test`, name: role } });
    await db.forTenant({ tenantId: t.id }).membership.create({ data: { tenantId: t.id, userId: user.id, role } });
    out.push({ tenantId: t.id, userId: user.id, role, requestId: `sv-${randomUUID()}` });
  }
  return out;
}

const input = (over: Record<string, unknown> = {}) =>
  saveViewSchema.parse({ name: "Urgent", shared: false, query: { priority: "URGENT", cursor: "x" }, ...over });

async function auditOf(ctx: TenantContext, targetId: string) {
  const db = await getDb();
  return db
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ action: string; data: Record<string, unknown> }>
        >`SELECT action, data FROM audit_events WHERE target_id = ${targetId} ORDER BY seq`,
    );
}

beforeAll(async () => {
  await getDb();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

test("a viewer saves a private cases view: stored without the cursor, audited, listed for them only", async () => {
  const [viewer, member] = await tenantWith(["VIEWER", "MEMBER"]);
  const view = await saveView(viewer!, { ...input(), resource: "cases" });
  expect(await auditOf(viewer!, view.id)).toEqual([
    { action: "saved_view.created", data: { name: "Urgent", shared: false, resource: "cases" } },
  ]);
  expect(await listSavedViews(viewer!, "cases")).toEqual([
    { id: view.id, name: "Urgent", query: { priority: "URGENT" }, shared: false, mine: true },
  ]);
  expect(await listSavedViews(viewer!, "citizens")).toEqual([]);
  expect(await listSavedViews(member!, "cases")).toEqual([]);
});

test("sharing needs saved_view.share: a viewer is refused, a member's shared view is listed for the team", async () => {
  const [viewer, member] = await tenantWith(["VIEWER", "MEMBER"]);
  await expect(saveView(viewer!, { ...input({ shared: true }), resource: "cases" })).rejects.toBeInstanceOf(
    ForbiddenError,
  );
  await expect(saveView(viewer!, { ...input({ shared: true }), resource: "citizens" })).rejects.toBeInstanceOf(
    ForbiddenError,
  );
  const shared = await saveView(member!, { ...input({ name: "Team", shared: true }), resource: "citizens" });
  expect(await listSavedViews(viewer!, "citizens")).toEqual([
    { id: shared.id, name: "Team", query: { priority: "URGENT" }, shared: true, mine: false },
  ]);
});

test("only the author deletes a view, and only through its own list", async () => {
  const [author, other] = await tenantWith(["MEMBER", "OWNER"]);
  const view = await saveView(author!, { ...input({ shared: true }), resource: "cases" });
  await expect(deleteView(other!, { id: view.id, resource: "cases" })).rejects.toBeInstanceOf(NotFoundError);
  await expect(deleteView(author!, { id: view.id, resource: "citizens" })).rejects.toBeInstanceOf(NotFoundError);
  await deleteView(author!, { id: view.id, resource: "cases" });
  expect(await listSavedViews(author!, "cases")).toEqual([]);
  expect((await auditOf(author!, view.id)).map((e) => e.action)).toEqual(["saved_view.created", "saved_view.deleted"]);
});

test("another tenant's view is not found", async () => {
  const [a] = await tenantWith(["OWNER"]);
  const [b] = await tenantWith(["OWNER"]);
  const view = await saveView(a!, { ...input(), resource: "cases" });
  await expect(deleteView({ ...b!, userId: a!.userId }, { id: view.id, resource: "cases" })).rejects.toBeInstanceOf(
    NotFoundError,
  );
  expect(await listSavedViews(b!, "cases")).toEqual([]);
});

test("view names are unique per owner and list, whatever the case; others and other lists may reuse them", async () => {
  const [a, b] = await tenantWith(["MEMBER", "MEMBER"]);
  await saveView(a!, { ...input({ name: "Open, mine" }), resource: "cases" });
  for (const name of ["Open, mine", "open, MINE"]) {
    const refused = saveView(a!, { ...input({ name }), resource: "cases" });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      fieldErrors: { name: ["You already have a view with this name: choose another"] },
    });
  }
  await expect(saveView(a!, { ...input({ name: "Open, mine" }), resource: "citizens" })).resolves.toHaveProperty("id");
  await expect(saveView(b!, { ...input({ name: "Open, mine" }), resource: "cases" })).resolves.toHaveProperty("id");
  expect((await listSavedViews(a!, "cases")).filter((v) => v.mine).map((v) => v.name)).toEqual(["Open, mine"]);
});

test("two saves of one name racing past the check: one view, the other told the name is taken", async () => {
  const [a] = await tenantWith(["MEMBER"]);
  const results = await Promise.allSettled(
    [1, 2, 3].map(() => saveView(a!, { ...input({ name: "Race" }), resource: "cases" })),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  for (const r of results.filter((r) => r.status === "rejected"))
    expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
  expect((await listSavedViews(a!, "cases")).map((v) => v.name)).toEqual(["Race"]);
});
