// Merging duplicates and undoing the merge (lib/citizens/duplicates): a property-style test over
// random pairs and random field choices (merge → undo leaves every citizen, case, candidate and
// dismissal row exactly as before, and the audit chain intact), the merge's effects, and the
// refusals: another tenant's ids, stale versions, a second undo, an undo after an edit or after
// the 30-day window.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import type { TenantContext } from "@/lib/context/request-context";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createCitizen, updateCitizen } from "@/lib/citizens/mutations";
import { revealCitizenField } from "@/lib/citizens/read";
import { createCitizenSchema, updateCitizenSchema } from "@/lib/citizens/schemas";
import { mergeCitizens } from "@/lib/citizens/duplicates/merge-citizens";
import { refreshDuplicateCandidates } from "@/lib/citizens/duplicates/refresh-duplicate-candidates";
import { undoCitizenMerge } from "@/lib/citizens/duplicates/undo-citizen-merge";
import { MERGE_FIELDS, mergeCitizensSchema } from "@/lib/citizens/duplicates/schemas";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { prng } from "../support/duplicate-world";

async function tenant(): Promise<TenantContext> {
  const db = await getDb();
  const user = await db.user.create({ data: { email: `m-${randomUUID()}@merge.test`, name: "Clerk" } });
  const t = await db.tenant.create({ data: { slug: `m-${randomUUID().slice(0, 12)}`, name: "Merge probe" } });
  await db
    .forTenant({ tenantId: t.id })
    .membership.create({ data: { tenantId: t.id, userId: user.id, role: "OWNER" } });
  return { tenantId: t.id, userId: user.id, role: "OWNER", requestId: "test" };
}

async function person(ctx: TenantContext, i: number, over: Record<string, unknown> = {}) {
  const c = await createCitizen(
    ctx,
    createCitizenSchema.parse({
      firstName: ["Aafke", "Bauke", "Catrien"][i % 3],
      lastName: `Zijlstra${i % 2 ? "" : "h"}`,
      email: i % 2 ? `z${i}@example.org` : undefined,
      phone: i % 3 ? `+31 6 2000 ${1000 + i}` : undefined,
      dateOfBirth: i % 4 ? `19${60 + i}-02-0${1 + (i % 9)}` : undefined,
      addressLine1: `${i} Dijk`,
      postalCode: "9000 ZZ",
      tags: i % 2 ? ["volunteer", `t${i}`] : [`t${i}`],
      consents: { newsletter: { granted: i % 2 === 0, at: `2024-0${1 + (i % 9)}-01`, source: "form" } },
      notes: i % 3 ? `Note ${i}` : "",
      ...over,
    }),
  );
  const db = await getDb();
  for (let k = 0; k < i % 3; k++)
    await db.forTenant(ctx).case.create({ data: { tenantId: ctx.tenantId, citizenId: c.id, title: `Case ${i}.${k}` } });
  return c;
}

/** Every row of the tenant's citizens, cases, candidates and dismissals, as the database has them. */
async function state(ctx: TenantContext) {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const q = (table: string) =>
      tx.$queryRawUnsafe<Array<{ r: unknown }>>(`SELECT to_jsonb(t) AS r FROM ${table} t ORDER BY t.id`);
    return {
      citizens: await q("citizens"),
      cases: await q("cases"),
      candidates: await q("duplicate_candidates"),
      dismissals: await q("duplicate_dismissals"),
    };
  });
}

async function versions(ctx: TenantContext, ids: string[]) {
  const db = await getDb();
  const rows = await db
    .forTenant(ctx)
    .citizen.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.version]));
}

const mergeInput = async (
  ctx: TenantContext,
  keptId: string,
  mergedId: string,
  choices: Record<string, string> = {},
) => {
  const v = await versions(ctx, [keptId, mergedId]);
  return mergeCitizensSchema.parse({ keptId, mergedId, keptVersion: v[keptId], mergedVersion: v[mergedId], choices });
};

let A: TenantContext;
let B: TenantContext;
beforeAll(async () => {
  A = await tenant();
  B = await tenant();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

test("property: merge then undo returns every row exactly, over random pairs and choices", async () => {
  const ctx = await tenant();
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) ids.push((await person(ctx, i)).id);
  await refreshDuplicateCandidates(ctx);
  const r = prng(2026);
  for (let round = 0; round < 12; round++) {
    const x = ids[Math.floor(r() * ids.length)]!;
    let y = ids[Math.floor(r() * ids.length)]!;
    if (y === x) y = ids[(ids.indexOf(x) + 1) % ids.length]!;
    const choices = Object.fromEntries(
      MERGE_FIELDS.filter(() => r() < 0.5).map((f) => [f, r() < 0.5 ? "merged" : "kept"]),
    );
    const before = await state(ctx);
    const result = await mergeCitizens(ctx, await mergeInput(ctx, x, y, choices));
    const during = await state(ctx);
    expect(during).not.toEqual(before);
    await undoCitizenMerge(ctx, { mergeId: result.mergeId });
    expect(await state(ctx)).toEqual(before);
  }
  const audit = await verifyAuditChain(await getDb(), ctx.tenantId);
  expect(audit.ok).toBe(true);
}, 120_000);

test("a merge moves cases, unions tags, takes the chosen values, keeps a tombstone and audits both ids", async () => {
  const kept = await person(A, 1);
  const merged = await person(A, 2, { email: "chosen@example.org" });
  const result = await mergeCitizens(
    A,
    await mergeInput(A, kept.id, merged.id, { email: "merged", firstName: "kept" }),
  );
  expect(result.movedCases).toBe(2);
  const db = await getDb();
  const t = db.forTenant(A);
  expect(await t.case.count({ where: { citizenId: kept.id } })).toBe(1 + 2);
  expect(await t.case.count({ where: { citizenId: merged.id } })).toBe(0);
  const k = await t.citizen.findUniqueOrThrow({ where: { id: kept.id } });
  expect(k.tags.sort()).toEqual(["t1", "t2", "volunteer"]);
  expect(k.notes).toBe("Note 1\n\nNote 2");
  expect(k.firstName).toBe(kept.firstName);
  expect((await revealCitizenField(A, { id: kept.id, field: "email" })).value).toBe("chosen@example.org");
  const m = await t.citizen.findUniqueOrThrow({ where: { id: merged.id } });
  expect(m.deletedAt).not.toBeNull();
  const events = await t.$tenantTransaction(
    (tx) =>
      tx.$queryRaw<
        Array<{ data: Record<string, unknown> }>
      >`SELECT data FROM audit_events WHERE action = 'citizen.merged' AND target_id = ${kept.id}`,
  );
  expect(events).toHaveLength(1);
  expect(events[0]!.data).toMatchObject({ keptId: kept.id, mergedId: merged.id, movedCases: 2 });
  expect(events[0]!.data.fieldsFromMerged).toEqual(["email"]);
  expect(events[0]!.data.fieldsFromKept).toContain("firstName");
  expect(JSON.stringify(events[0]!.data)).not.toContain("chosen@example.org");
});

test("another tenant's ids are refused: merge and undo answer 'not found' and change nothing", async () => {
  const mine = await person(A, 3);
  const theirs = await person(B, 4);
  const theirs2 = await person(B, 5);
  const v = await versions(B, [theirs.id, theirs2.id]);
  await expect(
    mergeCitizens(
      A,
      mergeCitizensSchema.parse({ keptId: mine.id, mergedId: theirs.id, keptVersion: 1, mergedVersion: v[theirs.id] }),
    ),
  ).rejects.toBeInstanceOf(NotFoundError);
  const bMerge = await mergeCitizens(B, await mergeInput(B, theirs.id, theirs2.id));
  await expect(undoCitizenMerge(A, { mergeId: bMerge.mergeId })).rejects.toBeInstanceOf(NotFoundError);
  await expect(undoCitizenMerge(A, { mergeId: "not-a-uuid" })).rejects.toBeInstanceOf(NotFoundError);
  const db = await getDb();
  expect((await db.forTenant(B).citizenMerge.findFirstOrThrow({ where: { id: bMerge.mergeId } })).undoneAt).toBeNull();
});

test("stale versions are a conflict; a merged (deleted) record cannot be merged again", async () => {
  const x = await person(A, 6);
  const y = await person(A, 7);
  await expect(
    mergeCitizens(A, mergeCitizensSchema.parse({ keptId: x.id, mergedId: y.id, keptVersion: 99, mergedVersion: 1 })),
  ).rejects.toBeInstanceOf(ConflictError);
  await mergeCitizens(A, await mergeInput(A, x.id, y.id));
  const z = await person(A, 8);
  await expect(mergeCitizens(A, await mergeInput(A, z.id, y.id))).rejects.toBeInstanceOf(NotFoundError);
});

test("undo is refused twice, after an edit of the kept record, and after 30 days", async () => {
  const x = await person(A, 9);
  const y = await person(A, 10);
  const m1 = await mergeCitizens(A, await mergeInput(A, x.id, y.id));
  await undoCitizenMerge(A, { mergeId: m1.mergeId });
  await expect(undoCitizenMerge(A, { mergeId: m1.mergeId })).rejects.toBeInstanceOf(ConflictError);

  const m2 = await mergeCitizens(A, await mergeInput(A, x.id, y.id));
  const v = await versions(A, [x.id]);
  await updateCitizen(
    A,
    updateCitizenSchema.parse({ id: x.id, version: v[x.id], firstName: "Edited", lastName: "After" }),
  );
  await expect(undoCitizenMerge(A, { mergeId: m2.mergeId })).rejects.toThrow(/changed after the merge/);

  const p = await person(A, 11);
  const q = await person(A, 12);
  const m3 = await mergeCitizens(A, await mergeInput(A, p.id, q.id));
  const db = await getDb();
  await db.forTenant(A).citizenMerge.update({
    where: { tenantId_id: { tenantId: A.tenantId, id: m3.mergeId } },
    data: { createdAt: new Date(Date.now() - 31 * 86_400_000) },
  });
  await expect(undoCitizenMerge(A, { mergeId: m3.mergeId })).rejects.toThrow(/30 days/);
});

test("bad input: a record merged into itself, an unknown field choice", () => {
  const id = randomUUID();
  expect(mergeCitizensSchema.safeParse({ keptId: id, mergedId: id, keptVersion: 1, mergedVersion: 1 }).success).toBe(
    false,
  );
  expect(
    mergeCitizensSchema.safeParse({
      keptId: id,
      mergedId: randomUUID(),
      keptVersion: 1,
      mergedVersion: 1,
      choices: { notes: "merged" },
    }).success,
  ).toBe(false);
});
