// Citizens through their business functions: encrypted PII at rest, audited reveals, optimistic
// locking, soft delete / restore / purge, custom fields, and the list (search, fuzzy, filters,
// cursor pagination), each tried with another tenant's ids too.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import type { TenantContext } from "@/lib/context/request-context";
import { createCustomField } from "@/lib/citizens/custom-fields";
import { listCitizens } from "@/lib/citizens/list";
import {
  createCitizen,
  deleteCitizen,
  purgeCitizen,
  restoreCitizen,
  setCitizenTags,
  StaleCitizenError,
  updateCitizen,
} from "@/lib/citizens/mutations";
import { getCitizen, revealCitizenField } from "@/lib/citizens/read";
import { citizenListQuerySchema, createCitizenSchema, updateCitizenSchema } from "@/lib/citizens/schemas";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { tenantQuery } from "@/lib/db/tenant-read";
import { getDashboardSummary } from "@/lib/dashboard/summary";
import { TenantScopeError } from "@/lib/db/tenant-scope";
import { Prisma } from "@/lib/generated/prisma/client";

let A: TenantContext;
let B: TenantContext;

async function tenant(): Promise<TenantContext> {
  const db = await getDb();
  const user = await db.user.create({ data: { email: `c-${randomUUID()}@citizens.test`, name: "Clerk" } });
  const t = await db.tenant.create({ data: { slug: `c-${randomUUID().slice(0, 12)}`, name: "Citizens probe" } });
  await db
    .forTenant({ tenantId: t.id })
    .membership.create({ data: { tenantId: t.id, userId: user.id, role: "OWNER" } });
  return { tenantId: t.id, userId: user.id, role: "OWNER", requestId: "test" };
}

const fields = (over: Record<string, unknown> = {}) =>
  createCitizenSchema.parse({ firstName: "Jane", lastName: "Doe", ...over });
const list = (ctx: TenantContext, q: Record<string, unknown> = {}) =>
  listCitizens(ctx, citizenListQuerySchema.parse(q));

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
  A = await tenant();
  B = await tenant();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

describe("encryption at rest", () => {
  test("the raw row holds no plaintext national ID, email, phone or birth date; reveal decrypts and is audited", async () => {
    const c = await createCitizen(
      A,
      fields({
        email: "Jane.Doe@Example.org",
        phone: "+31 6 1234 5678",
        nationalId: "987654321",
        dateOfBirth: "1980-04-02",
      }),
    );
    const db = await getDb();
    const [row] = await db
      .forTenant(A)
      .$tenantTransaction(
        (tx) =>
          tx.$queryRaw<
            Array<{ row: Record<string, unknown> }>
          >`SELECT to_jsonb(c) - 'search_vector' AS row FROM citizens c WHERE id = ${c.id}::uuid`,
      );
    const raw = row!.row;
    const text = JSON.stringify(raw);
    for (const secret of ["jane.doe@example.org", "Jane.Doe", "1234 5678", "12345678", "987654321", "1980-04-02"])
      expect(text).not.toContain(secret);
    expect(String(raw!.email_enc)).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(c.pii.email).toBe("j•••@example.org");

    expect(await revealCitizenField(A, { id: c.id, field: "nationalId" })).toEqual({ value: "987654321" });
    const events = await auditOf(A, c.id);
    expect(events.map((e) => e.action)).toEqual(["citizen.created", "citizen.pii_revealed"]);
    expect(events[1]!.data).toEqual({ field: "nationalId" });
    expect(JSON.stringify(events)).not.toContain("987654321");
  });

  test("exact look-up by email and national ID goes through the blind index (normalised)", async () => {
    const c = await createCitizen(
      A,
      fields({ firstName: "Blind", email: "blind.index@example.org", nationalId: "AB-12 34" }),
    );
    expect((await list(A, { email: "  BLIND.index@example.org" })).items.map((i) => i.id)).toEqual([c.id]);
    expect((await list(A, { nationalId: "ab1234" })).items.map((i) => i.id)).toEqual([c.id]);
    // The same email in tenant B is a different digest: B finds nothing of A's.
    expect((await list(B, { email: "blind.index@example.org" })).items).toEqual([]);
  });

  test("a ciphertext copied into another tenant's row does not decrypt there", async () => {
    const c = await createCitizen(A, fields({ email: "copied@example.org" }));
    const db = await getDb();
    const [row] = await db
      .forTenant(A)
      .$tenantTransaction(
        (tx) => tx.$queryRaw<Array<{ email_enc: string }>>`SELECT email_enc FROM citizens WHERE id = ${c.id}::uuid`,
      );
    const theirs = await createCitizen(B, fields());
    await db.forTenant(B).citizen.update({ where: { id: theirs.id }, data: { emailEnc: row!.email_enc } });
    await expect(revealCitizenField(B, { id: theirs.id, field: "email" })).rejects.toThrow(/authenticate/);
  });
});

describe("editing", () => {
  test("a stale version is refused with the current record, and nothing changes", async () => {
    const c = await createCitizen(A, fields({ city: "Gent" }));
    const first = await updateCitizen(
      A,
      updateCitizenSchema.parse({ ...fields({ city: "Brugge" }), id: c.id, version: c.version }),
    );
    expect(first.version).toBe(c.version + 1);
    const err = await updateCitizen(
      A,
      updateCitizenSchema.parse({ ...fields({ city: "Leuven" }), id: c.id, version: c.version }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleCitizenError);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as StaleCitizenError).current.city).toBe("Brugge");
    expect((await getCitizen(A, c.id)).city).toBe("Brugge");
  });

  test("two concurrent saves of the same version: exactly one wins", async () => {
    const c = await createCitizen(A, fields());
    const results = await Promise.allSettled(
      ["X", "Y", "Z"].map((city) =>
        updateCitizen(A, updateCitizenSchema.parse({ ...fields({ city }), id: c.id, version: c.version })),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await getCitizen(A, c.id)).version).toBe(c.version + 1);
  });

  test("a blank personal field keeps what is on file; `clear` removes it; the audit diff names but never shows PII", async () => {
    const c = await createCitizen(A, fields({ email: "keep@example.org", phone: "+32 470 12 34 56" }));
    const kept = await updateCitizen(
      A,
      updateCitizenSchema.parse({ ...fields({ notes: "called" }), id: c.id, version: c.version }),
    );
    expect(kept.pii.email).toBe("k•••@example.org");
    const cleared = await updateCitizen(
      A,
      updateCitizenSchema.parse({
        ...fields({ notes: "called" }),
        id: c.id,
        version: kept.version,
        clear: ["phone"],
        email: "new@example.org",
      }),
    );
    expect(cleared.pii.phone).toBeNull();
    expect(await revealCitizenField(A, { id: c.id, field: "email" })).toEqual({ value: "new@example.org" });
    const updates = (await auditOf(A, c.id)).filter((e) => e.action === "citizen.updated");
    expect(updates[1]!.data.changed).toEqual(expect.arrayContaining(["email", "phone"]));
    expect(JSON.stringify(updates)).not.toContain("new@example.org");
  });

  test("custom fields are validated by type; unknown keys and missing required ones are field errors", async () => {
    const ctx = await tenant();
    await createCustomField(ctx, {
      key: "ward",
      label: "Ward",
      type: "SELECT",
      options: ["North", "South"],
      required: true,
    });
    await createCustomField(ctx, {
      key: "household",
      label: "Household size",
      type: "NUMBER",
      options: [],
      required: false,
    });
    const bad = await createCitizen(
      ctx,
      fields({ customFields: { ward: "East", household: "many", colour: "blue" } }),
    ).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual([
      "customFields.colour",
      "customFields.household",
      "customFields.ward",
    ]);
    const missing = await createCitizen(ctx, fields()).catch((e: unknown) => e);
    expect((missing as ValidationError).fieldErrors["customFields.ward"]).toEqual(["Ward is required"]);
    const ok = await createCitizen(ctx, fields({ customFields: { ward: "North", household: "4" } }));
    expect(ok.customFields).toEqual({ ward: "North", household: 4 });
    expect((await list(ctx, { field: "household=4" })).items.map((i) => i.id)).toEqual([ok.id]);
    expect((await list(ctx, { field: "ward=South" })).items).toEqual([]);
  });

  test("quick tag edits use the version too", async () => {
    const c = await createCitizen(A, fields({ tags: "housing" }));
    const tagged = await setCitizenTags(A, { id: c.id, version: c.version, tags: ["housing", "elderly"] });
    expect(tagged.tags).toEqual(["housing", "elderly"]);
    await expect(setCitizenTags(A, { id: c.id, version: c.version, tags: [] })).rejects.toThrow(StaleCitizenError);
  });

  test("bad input never reaches the database", () => {
    for (const bad of [
      {},
      { firstName: "", lastName: "X" },
      { firstName: "A", lastName: "B", email: "nope" },
      { firstName: "A", lastName: "B", dateOfBirth: "2999-01-01" },
      { firstName: "A", lastName: "B", phone: "call me" },
      { firstName: "A", lastName: "B", consents: { newsletter: { granted: true, at: "yesterday", source: "form" } } },
    ]) {
      expect(createCitizenSchema.safeParse(bad).success).toBe(false);
    }
    expect(updateCitizenSchema.safeParse({ ...fields(), id: "x", version: 1 }).success).toBe(false);
  });
});

describe("delete, restore, purge", () => {
  test("soft delete hides the record, restore brings it back, purge needs the trash and erases its cases", async () => {
    const c = await createCitizen(A, fields({ lastName: `Trash${randomUUID().slice(0, 6)}` }));
    const db = await getDb();
    await db.forTenant(A).case.create({ data: { tenantId: A.tenantId, citizenId: c.id, title: "Pothole" } });
    await expect(purgeCitizen(A, { id: c.id })).rejects.toThrow(ConflictError);
    await deleteCitizen(A, { id: c.id });
    await expect(getCitizen(A, c.id)).rejects.toThrow(NotFoundError);
    expect((await list(A, { q: c.lastName })).items).toEqual([]);
    expect((await list(A, { q: c.lastName, deleted: "1" })).items.map((i) => i.id)).toEqual([c.id]);
    await restoreCitizen(A, { id: c.id });
    expect((await getCitizen(A, c.id)).deletedAt).toBeNull();
    await deleteCitizen(A, { id: c.id });
    await purgeCitizen(A, { id: c.id });
    expect(await db.forTenant(A).citizen.findUnique({ where: { id: c.id } })).toBeNull();
    expect(await db.forTenant(A).case.count({ where: { citizenId: c.id } })).toBe(0);
    expect((await auditOf(A, c.id)).map((e) => e.action)).toEqual([
      "citizen.created",
      "citizen.deleted",
      "citizen.restored",
      "citizen.deleted",
      "citizen.purged",
    ]);
  });

  test("another tenant's id is not found for every operation", async () => {
    const c = await createCitizen(A, fields({ email: "mine@example.org" }));
    await expect(getCitizen(B, c.id)).rejects.toThrow(NotFoundError);
    await expect(
      updateCitizen(B, updateCitizenSchema.parse({ ...fields(), id: c.id, version: c.version })),
    ).rejects.toThrow(NotFoundError);
    await expect(revealCitizenField(B, { id: c.id, field: "email" })).rejects.toThrow(NotFoundError);
    await expect(deleteCitizen(B, { id: c.id })).rejects.toThrow(NotFoundError);
    await expect(setCitizenTags(B, { id: c.id, version: c.version, tags: ["x"] })).rejects.toThrow(NotFoundError);
    expect((await getCitizen(A, c.id)).deletedAt).toBeNull();
  });
});

describe("the trigger-kept name counts (fuzzy search and the dashboard's citizen count)", () => {
  test("follow creates, renames, deletes, restores and purges", async () => {
    const ctx = await tenant();
    const db = await getDb();
    const count = () => getDashboardSummary(ctx).then((s) => s.citizens);
    const names = () =>
      db.forTenant(ctx).citizenName.findMany({
        where: { citizens: { gt: 0 } },
        select: { searchName: true, citizens: true },
        orderBy: { searchName: "asc" },
      });
    const a = await createCitizen(ctx, fields({ firstName: "Ana", lastName: "Lopez" }));
    const b = await createCitizen(ctx, fields({ firstName: "Ana", lastName: "Lopez" }));
    await createCitizen(ctx, fields({ firstName: "Bo", lastName: "Chen" }));
    expect(await count()).toBe(3);
    expect(await names()).toEqual([
      { searchName: "ana lopez", citizens: 2 },
      { searchName: "bo chen", citizens: 1 },
    ]);
    await updateCitizen(
      ctx,
      updateCitizenSchema.parse({ ...fields({ firstName: "Anna", lastName: "López" }), id: b.id, version: b.version }),
    );
    expect(await names()).toEqual([
      { searchName: "ana lopez", citizens: 1 },
      { searchName: "anna lopez", citizens: 1 },
      { searchName: "bo chen", citizens: 1 },
    ]);
    await deleteCitizen(ctx, { id: a.id });
    expect(await count()).toBe(2);
    await restoreCitizen(ctx, { id: a.id });
    expect(await count()).toBe(3);
    await deleteCitizen(ctx, { id: a.id });
    await purgeCitizen(ctx, { id: a.id });
    expect(await count()).toBe(2);
    expect(await db.forTenant(ctx).citizen.count({ where: { deletedAt: null } })).toBe(2);
  });
});

describe("the one-round-trip read path (tenantQuery) keeps both walls", () => {
  test("SQL without a tenant filter still sees only the tenant set for it (RLS); writes are refused", async () => {
    const mine = await createCitizen(A, fields({ lastName: `Wall${randomUUID().slice(0, 6)}` }));
    const theirs = await createCitizen(B, fields({ lastName: `Wall${randomUUID().slice(0, 6)}` }));
    const rows = await tenantQuery<{ id: string; tenant_id: string }>(
      A.tenantId,
      Prisma.sql`SELECT id, tenant_id FROM citizens WHERE id IN (${mine.id}::uuid, ${theirs.id}::uuid)`,
    );
    expect(rows.map((r) => r.id)).toEqual([mine.id]);
    await expect(
      tenantQuery(A.tenantId, Prisma.sql`UPDATE citizens SET notes = 'x' WHERE id = ${mine.id}::uuid RETURNING id`),
    ).rejects.toThrow();
    expect((await getCitizen(A, mine.id)).notes).toBe("");
  });

  test("a malformed tenant id or a forbidden setting is refused before any query", async () => {
    await expect(tenantQuery("nope", Prisma.sql`SELECT 1`)).rejects.toThrow(TenantScopeError);
    await expect(
      tenantQuery(A.tenantId, Prisma.sql`SELECT 1`, { settings: { "app.tenant_id": B.tenantId } }),
    ).rejects.toThrow(TenantScopeError);
    await expect(tenantQuery(A.tenantId, Prisma.sql`SELECT 1`, { settings: { role: "postgres" } })).rejects.toThrow(
      TenantScopeError,
    );
  });

  test("only the listed settings pass: app.* settings that RLS trusts are refused even though they look like extension settings", async () => {
    for (const name of [
      "app.platform_audit",
      "app.user_id",
      "app.anything",
      "pg_trgm.unlisted",
      "search_path",
      "session_authorization",
    ]) {
      await expect(tenantQuery(A.tenantId, Prisma.sql`SELECT 1`, { settings: { [name]: "on" } })).rejects.toThrow(
        `setting "${name}" is not allowed`,
      );
    }
    const rows = await tenantQuery<{ t: string; w: string }>(
      A.tenantId,
      Prisma.sql`SELECT current_setting('pg_trgm.similarity_threshold') AS t, current_setting('pg_trgm.word_similarity_threshold') AS w`,
      {
        settings: { "pg_trgm.similarity_threshold": "0.45", "pg_trgm.word_similarity_threshold": "0.55" },
      },
    );
    expect(rows).toEqual([{ t: "0.45", w: "0.55" }]);
  });
});

describe("the list", () => {
  let ctx: TenantContext;
  const names = [
    ["Johannes", "Smit"],
    ["Maria", "Jansen"],
    ["Pieter", "de Vries"],
    ["Anna", "Bakker"],
    ["José", "Müller"],
    ["Lucas", "Visser"],
    ["Emma", "Smit"],
    ["Daan", "Meijer"],
    ["Sophie", "de Boer"],
    ["Noah", "Mulder"],
  ];
  beforeAll(async () => {
    ctx = await tenant();
    for (const [i, [first, last]] of names.entries()) {
      await createCitizen(
        ctx,
        fields({
          firstName: first,
          lastName: last,
          city: i % 2 ? "Utrecht" : "Gent",
          tags: i % 3 === 0 ? "housing" : "",
          notes: i === 3 ? "Asked about parking permits twice" : "",
        }),
      );
    }
  });

  test("cursor pagination returns every citizen exactly once, in each sort", async () => {
    for (const sort of ["newest", "oldest", "name", "updated"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(ctx, { sort, limit: 3, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(names.length);
      expect(new Set(seen).size).toBe(names.length);
    }
    // Name order follows the database collation (PGlite: C, so "de Vries" after "Visser").
    expect((await list(ctx, { sort: "name", limit: 1 })).items[0]!.lastName).toBe("Bakker");
  });

  test("full-text search finds names (accents folded) and stemmed words in notes; filters combine", async () => {
    expect((await list(ctx, { q: "muller" })).items.map((i) => i.lastName)).toEqual(["Müller"]);
    expect((await list(ctx, { q: "permit" })).items.map((i) => i.lastName)).toEqual(["Bakker"]);
    expect((await list(ctx, { q: "smit", city: "Gent" })).items.map((i) => i.firstName).sort()).toEqual([
      "Emma",
      "Johannes",
    ]);
    expect((await list(ctx, { q: "smit", city: "Utrecht" })).items).toEqual([]);
    expect((await list(ctx, { tag: "housing" })).items).toHaveLength(4);
  });

  test("a words search matches the start of names; search syntax keeps its meaning", async () => {
    expect((await list(ctx, { q: "bakk" })).items.map((i) => i.lastName)).toEqual(["Bakker"]);
    expect((await list(ctx, { q: "joh sm" })).items.map((i) => i.firstName)).toEqual(["Johannes"]);
    expect((await list(ctx, { q: "mul" })).items.map((i) => i.lastName).sort()).toEqual(["Mulder", "Müller"]);
    // An exclusion is not undone by a prefix alternative.
    expect((await list(ctx, { q: "smit -emma" })).items.map((i) => i.firstName)).toEqual(["Johannes"]);
  });

  test("fuzzy search finds a misspelled name", async () => {
    expect((await list(ctx, { q: "Johanes Smitt", mode: "fuzzy" })).items[0]?.firstName).toBe("Johannes");
    expect((await list(ctx, { q: "Muler", mode: "fuzzy" })).items.map((i) => i.lastName)).toContain("Müller");
  });

  test("a tampered cursor is a validation error; another tenant sees none of it", async () => {
    await expect(list(ctx, { cursor: "bm9wZQ" })).rejects.toThrow(ValidationError);
    expect((await list(B, { q: "Jansen" })).items).toEqual([]);
  });
});
