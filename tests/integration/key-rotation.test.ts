// Key rotation (issue #4 item 5, lib/crypto/rotate.ts, `npm run crypto:rotate`): citizens
// created under key "old"; a new primary "new" is put first; the rotation re-encrypts every
// value (citizens and staged import rows), in batches, resumable, without clobbering a
// concurrent edit, leaving blind indexes alone; then the old key can go.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
const OLD_KEY = `old:${Buffer.alloc(32, 0x11).toString("base64")}`;
const NEW_KEY = `new:${Buffer.alloc(32, 0x22).toString("base64")}`;
process.env.ENCRYPTION_KEYS = OLD_KEY;
process.env.BLIND_INDEX_KEY = Buffer.alloc(32, 0x33).toString("base64");

import { randomUUID } from "node:crypto";
import { resetConfigForTests } from "@/lib/config";
import { runAsSystem, type TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb, type Db } from "@/lib/db";
import { listCitizens } from "@/lib/citizens/list";
import { createCitizen, updateCitizen } from "@/lib/citizens/mutations";
import { encryptPii, decryptPii } from "@/lib/citizens/pii";
import { revealCitizenField } from "@/lib/citizens/read";
import {
  citizenListQuerySchema,
  createCitizenSchema,
  PII_FIELDS,
  updateCitizenSchema,
  type PiiFieldName,
} from "@/lib/citizens/schemas";
import { keyIdOf } from "@/lib/crypto/field-cipher";
import { rotateCitizenKeys, type RotateOptions } from "@/lib/crypto/rotate";
import { main as rotateCli } from "../../scripts/crypto-rotate";

const onPostgres = !!process.env.DATABASE_URL;

function useKeys(keys: string) {
  process.env.ENCRYPTION_KEYS = keys;
  resetConfigForTests(); // getConfig() caches the environment; the keyring follows the config
}

async function tenant(): Promise<TenantContext> {
  const db = await getDb();
  const user = await db.user.create({ data: { email: `r-${randomUUID()}@rotation.test`, name: "Clerk" } });
  const t = await db.tenant.create({ data: { slug: `r-${randomUUID().slice(0, 12)}`, name: "Rotation probe" } });
  await db
    .forTenant({ tenantId: t.id })
    .membership.create({ data: { tenantId: t.id, userId: user.id, role: "OWNER" } });
  return { tenantId: t.id, userId: user.id, role: "OWNER", requestId: "rotation-test" };
}

type Person = { ctx: TenantContext; id: string; values: Partial<Record<PiiFieldName, string>> };
const people: Person[] = [];
let A: TenantContext;
let B: TenantContext;
let stagedRowId: string;
const tenantIds = () => [A.tenantId, B.tenantId];
// As scripts/crypto-rotate.ts runs it: in the system context of a key rotation.
const rotate = async (options: RotateOptions = {}) => {
  const db = await getDb();
  return runAsSystem("crypto_rotate", () =>
    rotateCitizenKeys(db, { tenantIds: tenantIds(), batchSize: 5, ...options }),
  );
};

type Raw = {
  id: string;
  email_enc: string | null;
  phone_enc: string | null;
  national_id_enc: string | null;
  date_of_birth_enc: string | null;
  email_bidx: string | null;
  phone_bidx: string | null;
  national_id_bidx: string | null;
  date_of_birth_bidx: string | null;
  version: number;
  updated_at: Date;
};
async function rawRows(ctx: TenantContext): Promise<Raw[]> {
  const db = await getDb();
  return db
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Raw[]
        >`SELECT id, email_enc, phone_enc, national_id_enc, date_of_birth_enc, email_bidx, phone_bidx, national_id_bidx, date_of_birth_bidx, version, updated_at FROM citizens WHERE tenant_id = ${ctx.tenantId}::uuid ORDER BY id`,
    );
}
const ciphertexts = (rows: Raw[]) =>
  rows
    .flatMap((r) => [r.email_enc, r.phone_enc, r.national_id_enc, r.date_of_birth_enc])
    .filter((v): v is string => v !== null);
const keyIds = async () => {
  const all = [...ciphertexts(await rawRows(A)), ...ciphertexts(await rawRows(B))];
  return all.reduce<Record<string, number>>((acc, c) => ({ ...acc, [keyIdOf(c)!]: (acc[keyIdOf(c)!] ?? 0) + 1 }), {});
};

async function stagedData(): Promise<Record<string, unknown>> {
  const db = await getDb();
  const [row] = await db
    .forTenant(A)
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ data: Record<string, unknown> }>
        >`SELECT data FROM import_rows WHERE id = ${stagedRowId}::uuid`,
    );
  return row!.data;
}

async function auditEvents(ctx: TenantContext) {
  const db = await getDb();
  return db
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ data: Record<string, unknown>; actor_type: string }>
        >`SELECT data, actor_type FROM audit_events WHERE tenant_id = ${ctx.tenantId}::uuid AND action = 'crypto.keys_rotated' ORDER BY seq`,
    );
}

async function expectAllReadable() {
  for (const p of people) {
    for (const field of PII_FIELDS) {
      expect(await revealCitizenField(p.ctx, { id: p.id, field })).toEqual({ value: p.values[field] ?? null });
    }
  }
}

beforeAll(async () => {
  await getDb();
  A = await tenant();
  B = await tenant();
  // 12 citizens in A (3 batches of 5), 3 in B, some with only part of their PII.
  for (let i = 0; i < 15; i++) {
    const ctx = i < 12 ? A : B;
    const values: Person["values"] = { email: `person${i}@rotation.test` };
    if (i % 2 === 0) values.phone = `+31 6 1234 56${String(i).padStart(2, "0")}`;
    if (i % 3 === 0) values.nationalId = `NL-${100000 + i}`;
    if (i % 4 === 0) values.dateOfBirth = `19${60 + i}-0${1 + (i % 9)}-1${i % 10}`;
    const c = await createCitizen(
      ctx,
      createCitizenSchema.parse({ firstName: `Person${i}`, lastName: "Rotation", ...values }),
    );
    people.push({ ctx, id: c.id, values });
  }
  // A citizen import validated but not committed yet: its staged row holds ciphertexts too.
  const db = await getDb();
  stagedRowId = randomUUID();
  const staged = encryptPii(A.tenantId, { email: "staged@rotation.test", nationalId: "NL-999" });
  await db.forTenant(A).$tenantTransaction(async (tx) => {
    const job = await tx.importJob.create({
      data: {
        tenantId: A.tenantId,
        userId: A.userId,
        fileName: "people.csv",
        mapping: {},
        status: "VALIDATED",
        totalRows: 1,
        validRows: 1,
      },
    });
    await tx.importRow.create({
      data: {
        id: stagedRowId,
        tenantId: A.tenantId,
        jobId: job.id,
        line: 2,
        data: { firstName: "Staged", lastName: "Person", ...staged, tags: [], customFields: {} },
      },
    });
  });
});

afterAll(async () => {
  await (await getDatabase()).close();
});

describe("rotating to a new primary key", () => {
  test("before: everything is under the old key", async () => {
    expect(Object.keys(await keyIds())).toEqual(["old"]);
    expect(keyIdOf(String((await stagedData()).emailEnc))).toBe("old");
  });

  test("a dry run only counts, per tenant, table and key id", async () => {
    useKeys(`${NEW_KEY},${OLD_KEY}`);
    const before = await rawRows(A);
    const result = await rotate({ dryRun: true });
    const a = result.tenants.find((t) => t.tenantId === A.tenantId)!;
    expect(result.primaryKeyId).toBe("new");
    expect(a.citizens.rowsToRotate).toBe(12);
    expect(a.citizens.valuesToRotate.email).toBe(12);
    expect(a.citizens.valuesToRotate.phone).toBe(6);
    expect(a.importRows.rowsToRotate).toBe(1);
    expect(a.fromKeys).toEqual({ old: 12 + 6 + 4 + 3 + 2 });
    expect(result.totals.valuesRotated).toBe(0);
    expect(await rawRows(A)).toEqual(before);
    expect(await auditEvents(A)).toEqual([]);
  });

  test("a run interrupted after one batch stops there, and the next run resumes", async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const first = await rotate({
      tenantIds: [A.tenantId],
      signal: controller.signal,
      onProgress: (p) => (progress.push(p.rowsDone), controller.abort()),
    });
    expect(first.interrupted).toBe(true);
    expect(progress).toEqual([5]);
    expect(first.totals.rowsDone).toBe(5);
    const rows = await rawRows(A);
    expect(rows.filter((r) => keyIdOf(r.email_enc!) === "new")).toHaveLength(5);
    expect(rows.filter((r) => keyIdOf(r.email_enc!) === "old")).toHaveLength(7);
    // The partial run left its trace in the audit chain, marked incomplete.
    expect((await auditEvents(A)).map((e) => e.data.complete)).toEqual([false]);

    // Mixed state: both keys are in use, and every record reads fine.
    await expectAllReadable();
  });

  test("a row edited while its batch is in flight is not clobbered", async () => {
    const db = await getDb();
    // The first row the resumed run will read (keyset order) is the one edited under its feet.
    const stale = (await rawRows(A)).filter((r) => keyIdOf(r.email_enc!) === "old");
    const victim = people.find((p) => p.id === stale[0]!.id)!;
    let edited = false;
    // The edit lands between the rotation's read and its write of that batch: on PostgreSQL
    // through the app (another connection, committed meanwhile); on the embedded
    // single-connection database inside the batch's own transaction (same effect on the rows).
    const racing = withEditBeforeUpdate(db, async (tx, ids) => {
      if (edited || !ids.includes(victim.id)) return;
      edited = true;
      if (onPostgres) {
        const current = (await rawRows(A)).find((r) => r.id === victim.id)!;
        await updateCitizen(
          A,
          updateCitizenSchema.parse({
            id: victim.id,
            version: current.version,
            firstName: "Edited",
            lastName: "Meanwhile",
            ...victim.values,
            email: "edited@rotation.test",
          }),
        );
      } else {
        const cols = encryptPii(A.tenantId, { ...victim.values, email: "edited@rotation.test" });
        await tx.$executeRaw`UPDATE citizens SET email_enc = ${cols.emailEnc}, email_bidx = ${cols.emailBidx}, phone_enc = ${cols.phoneEnc}, national_id_enc = ${cols.nationalIdEnc}, date_of_birth_enc = ${cols.dateOfBirthEnc} WHERE id = ${victim.id}::uuid`;
      }
    });
    const result = await runAsSystem("crypto_rotate", () =>
      rotateCitizenKeys(racing, { tenantIds: tenantIds(), batchSize: 5 }),
    );
    expect(edited).toBe(true);
    expect(result.interrupted).toBe(false);
    // Every value the victim had was planned for re-encryption and skipped: the edit won.
    expect(result.totals.skippedConcurrent).toBe(Object.keys(victim.values).length);
    victim.values = { ...victim.values, email: "edited@rotation.test" };
    expect(await revealCitizenField(A, { id: victim.id, field: "email" })).toEqual({ value: "edited@rotation.test" });
    const row = (await rawRows(A)).find((r) => r.id === victim.id)!;
    expect(keyIdOf(row.email_enc!)).toBe("new"); // the app wrote it under the primary key itself
  });

  test("after: every ciphertext (citizens and staged import) is under the new key and every record still decrypts", async () => {
    expect(Object.keys(await keyIds())).toEqual(["new"]);
    const staged = await stagedData();
    expect(keyIdOf(String(staged.emailEnc))).toBe("new");
    expect(keyIdOf(String(staged.nationalIdEnc))).toBe("new");
    expect(staged.phoneEnc).toBeNull();
    expect(decryptPii(A.tenantId, "email", String(staged.emailEnc))).toBe("staged@rotation.test");
    await expectAllReadable();
  });

  test("blind indexes are unchanged: exact look-up by email still finds the citizen", async () => {
    for (const p of people) {
      const page = await listCitizens(p.ctx, citizenListQuerySchema.parse({ email: p.values.email!.toUpperCase() }));
      expect(page.items.map((i) => i.id)).toEqual([p.id]);
    }
    for (const r of [...(await rawRows(A)), ...(await rawRows(B))]) {
      const before = bidxCache.get(r.id)!;
      const person = people.find((p) => p.id === r.id)!;
      // Only the email the concurrent edit changed has a new blind index.
      expect({
        ...r,
        email_bidx: person.values.email === "edited@rotation.test" ? before.email_bidx : r.email_bidx,
      }).toMatchObject(before);
    }
  });

  test("one audit event per tenant and run, in the tenant's chain, with counts and key ids", async () => {
    const eventsA = await auditEvents(A);
    expect(eventsA).toHaveLength(2);
    expect(eventsA[1]!.actor_type).toBe("system");
    expect(eventsA[1]!.data).toMatchObject({
      system: "crypto_rotate",
      toKeyId: "new",
      fromKeyIds: ["old"],
      stagedImportRows: 1,
      complete: true,
    });
    const eventsB = await auditEvents(B);
    expect(eventsB).toHaveLength(1);
    expect(eventsB[0]!.data).toMatchObject({
      toKeyId: "new",
      fromKeyIds: ["old"],
      citizenRows: 3,
      valuesRotated: 3 + 2 + 1 + 1,
      complete: true,
    });
  });

  test("a second run has nothing to do (and writes no event)", async () => {
    const again = await rotate();
    expect(again.totals).toEqual({ rowsToRotate: 0, rowsDone: 0, valuesRotated: 0, skippedConcurrent: 0, failed: 0 });
    expect(await auditEvents(B)).toHaveLength(1);
  });

  test("without the old key everything is still readable", async () => {
    useKeys(NEW_KEY);
    await expectAllReadable();
    expect(decryptPii(A.tenantId, "nationalId", String((await stagedData()).nationalIdEnc))).toBe("NL-999");
  });

  test("tiny batches and scan windows (batch 1, window 10 rows) still cover every row exactly once", async () => {
    const THIRD = `third:${Buffer.alloc(32, 0x55).toString("base64")}`;
    useKeys(`${THIRD},${NEW_KEY}`);
    const progress: string[] = [];
    const there = await rotate({
      tenantIds: [A.tenantId],
      batchSize: 1,
      onProgress: (p) => progress.push(`${p.table}:${p.rowsDone}`),
    });
    expect(there.totals).toMatchObject({ rowsToRotate: 13, rowsDone: 13, skippedConcurrent: 0, failed: 0 });
    expect(progress).toEqual([...Array.from({ length: 12 }, (_, i) => `citizens:${i + 1}`), "import_rows:1"]);
    expect(new Set(ciphertexts(await rawRows(A)).map(keyIdOf))).toEqual(new Set(["third"]));
    // And back, so the remaining tests run with "new" as the only key.
    useKeys(`${NEW_KEY},${THIRD}`);
    expect((await rotate({ tenantIds: [A.tenantId], batchSize: 3 })).totals).toMatchObject({ rowsDone: 13, failed: 0 });
    useKeys(NEW_KEY);
    await expectAllReadable();
  });

  test("a value under a key that is no longer configured is reported, left alone, and the run continues", async () => {
    const db = await getDb();
    const [p] = people;
    useKeys(`gone:${Buffer.alloc(32, 0x44).toString("base64")}`);
    const orphan = encryptPii(A.tenantId, { phone: "+44 20 7946 0000" });
    useKeys(NEW_KEY);
    await db
      .forTenant(A)
      .$tenantTransaction(
        (tx) => tx.$executeRaw`UPDATE citizens SET phone_enc = ${orphan.phoneEnc} WHERE id = ${p!.id}::uuid`,
      );
    const result = await rotate();
    expect(result.totals.failed).toBe(1);
    expect(result.tenants.find((t) => t.tenantId === A.tenantId)!.failed[0]).toMatchObject({
      table: "citizens",
      id: p!.id,
      field: "phone",
      reason: 'encryption key "gone" is not configured',
    });
    expect((await rawRows(A)).find((r) => r.id === p!.id)!.phone_enc).toBe(orphan.phoneEnc);
  });
});

describe("npm run crypto:rotate", () => {
  test("usage errors exit 2 before touching the database", async () => {
    const err: string[] = [];
    expect(await rotateCli(["--batch-size", "0"], { err: (l) => err.push(l), out: () => {} })).toBe(2);
    expect(err[0]).toMatch(/--batch-size expects a whole number/);
    expect(await rotateCli(["--frobnicate"], { err: (l) => err.push(l), out: () => {} })).toBe(2);
  });

  test("--dry-run counts and changes nothing (exit 0)", async () => {
    const out: string[] = [];
    const before = await rawRows(A);
    expect(await rotateCli(["--dry-run"], { db: await getDb(), out: (l) => out.push(l), err: () => {} })).toBe(0);
    expect(out[0]).toMatch(/^Primary key: "new"/);
    expect(out.at(-1)).toMatch(/^Dry run: .* Nothing was changed\.$/);
    expect(await rawRows(A)).toEqual(before);
  });
});

// --- helpers that need the rows as they were before the first rotation ----------------------

const bidxCache = new Map<string, Partial<Raw>>();
beforeAll(async () => {
  for (const r of [...(await rawRows(A)), ...(await rawRows(B))]) {
    bidxCache.set(r.id, {
      id: r.id,
      email_bidx: r.email_bidx,
      phone_bidx: r.phone_bidx,
      national_id_bidx: r.national_id_bidx,
      date_of_birth_bidx: r.date_of_birth_bidx,
    });
  }
});

type Tx = Parameters<Parameters<ReturnType<Db["forTenant"]>["$tenantTransaction"]>[0]>[0];

/**
 * `db` as the rotation sees it, except that `edit` runs inside each batch transaction right
 * before the rotation's UPDATE of citizens (with the ids of that batch) — the window in which a
 * concurrent edit could be lost.
 */
function withEditBeforeUpdate(db: Db, edit: (tx: Tx, ids: string[]) => Promise<void>): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "forTenant") return Reflect.get(target, prop, receiver);
      return (ctx: { tenantId: string }) => {
        const scoped = target.forTenant(ctx);
        return new Proxy(scoped, {
          get(s, p, r) {
            if (p !== "$tenantTransaction") return Reflect.get(s, p, r);
            return <T>(fn: (tx: Tx) => Promise<T>) =>
              s.$tenantTransaction((tx) =>
                fn(
                  new Proxy(tx, {
                    get(t, q, rr) {
                      if (q !== "$queryRawUnsafe") return Reflect.get(t, q, rr);
                      return async (sql: string, ...values: unknown[]) => {
                        if (/^\s*UPDATE citizens/.test(sql)) await edit(t, values[1] as string[]);
                        return t.$queryRawUnsafe(sql, ...values);
                      };
                    },
                  }),
                ),
              );
          },
        });
      };
    },
  });
}
