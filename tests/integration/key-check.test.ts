// The start-up key check (issue #15, lib/crypto/key-check.ts, `npm run crypto:check`): a
// database written with key A refuses a server given only key B, naming "keyA" (never a key);
// given "B,A" it starts and writes with B; after crypto:rotate, A can go and the check agrees.
// Runs on a database of its own (a scratch PostgreSQL database, or this file's in-memory
// PGlite): the key registry is database-wide, and other test files write under other keys.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
const RAW_A = Buffer.alloc(32, 0x51).toString("base64");
const KEY_A = `keyA:${RAW_A}`;
const KEY_B = `keyB:${Buffer.alloc(32, 0x52).toString("base64")}`;
/** Same id as A, different key: what a typo or a regenerated secret gives. */
const KEY_A_IMPOSTOR = `keyA:${Buffer.alloc(32, 0x53).toString("base64")}`;
const BLIND = Buffer.alloc(32, 0x54).toString("base64");
process.env.ENCRYPTION_KEYS = KEY_A;
process.env.BLIND_INDEX_KEY = BLIND;

import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { resetConfigForTests } from "@/lib/config";
import type { TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { createCitizen } from "@/lib/citizens/mutations";
import { revealCitizenField } from "@/lib/citizens/read";
import { createCitizenSchema } from "@/lib/citizens/schemas";
import { keyIdOf } from "@/lib/crypto/field-cipher";
import { checkEncryptionKeys, enforceKeyCheck, KeyCheckError } from "@/lib/crypto/key-check";
import { getKeyring } from "@/lib/crypto/keyring";
import { rotateCitizenKeys } from "@/lib/crypto/rotate";
import { runAsSystem } from "@/lib/context/request-context";
import { main as checkCli } from "../../scripts/crypto-check";
import { ownerSqlFor } from "../support/test-db";

const sharedUrl = process.env.DATABASE_URL;
const scratch = sharedUrl ? { name: `${new URL(sharedUrl).pathname.slice(1)}_keycheck_${process.pid}`, url: "" } : null;

function useKeys(keys: string, blind = BLIND) {
  process.env.ENCRYPTION_KEYS = keys;
  process.env.BLIND_INDEX_KEY = blind;
  resetConfigForTests();
}

async function adminSql<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: sharedUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let ctx: TenantContext;
let before: { id: string; email: string; keyId: string | null };

async function citizen(email: string) {
  const c = await createCitizen(
    ctx,
    createCitizenSchema.parse({ firstName: "Key", lastName: "Check", email, nationalId: `NL-${email.length}` }),
  );
  const [row] = await (
    await getDb()
  )
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) => tx.$queryRaw<Array<{ email_enc: string }>>`SELECT email_enc FROM citizens WHERE id = ${c.id}::uuid`,
    );
  return { id: c.id, email, keyId: keyIdOf(row!.email_enc) };
}

async function check() {
  return checkEncryptionKeys(await getDb(), getKeyring());
}

beforeAll(async () => {
  if (scratch) {
    await adminSql((c) => c.query(`CREATE DATABASE "${scratch.name}"`));
    const url = new URL(sharedUrl!);
    url.pathname = `/${scratch.name}`;
    scratch.url = url.toString();
    process.env.DATABASE_URL = scratch.url; // getDatabase() migrates it (NODE_ENV=test)
    resetConfigForTests();
  }
  const db = await getDb();
  const user = await db.user.create({ data: { email: `k-${randomUUID()}@keycheck.test`, name: "Clerk" } });
  const t = await db.tenant.create({ data: { slug: `k-${randomUUID().slice(0, 12)}`, name: "Key check" } });
  await db
    .forTenant({ tenantId: t.id })
    .membership.create({ data: { tenantId: t.id, userId: user.id, role: "OWNER" } });
  ctx = { tenantId: t.id, userId: user.id, role: "OWNER", requestId: "key-check-test" };
});

afterAll(async () => {
  await (await getDatabase()).close();
  if (scratch) await adminSql((c) => c.query(`DROP DATABASE IF EXISTS "${scratch.name}" WITH (FORCE)`));
});

describe("the start-up key check", () => {
  test("a fresh database: the first writer records its key", async () => {
    expect((await check()).keys).toEqual([expect.objectContaining({ keyId: "keyA", state: "new" })]);
    const report = await enforceKeyCheck(await getDb());
    expect(report.ok).toBe(true);
    expect((await check()).writeKeyId).toBe("keyA");
    before = await citizen("before@keycheck.test");
    expect(before.keyId).toBe("keyA");
  });

  test("a server given key B refuses, naming key id A and never a key; nothing is recorded", async () => {
    useKeys(KEY_B);
    const error = await enforceKeyCheck(await getDb()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeyCheckError);
    const message = (error as KeyCheckError).message;
    expect(message).toMatch(/Key id "keyA" encrypts stored data but is not in ENCRYPTION_KEYS/);
    expect(message).not.toContain(RAW_A);
    expect(message).not.toContain(KEY_B.slice(5));
    expect((await (await getDb()).encryptionKeyCanary.findMany()).map((r) => r.keyId)).toEqual(["keyA"]);
    // The operators' command says the same and exits 1.
    const out: string[] = [];
    expect(await checkCli({ db: await getDb(), out: (l) => out.push(l) })).toBe(1);
    expect(out.join("\n")).toMatch(/key "keyA": in use, NOT in ENCRYPTION_KEYS/);
  });

  test("the right id with the wrong key is told apart from a missing one", async () => {
    useKeys(KEY_A_IMPOSTOR);
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.keys).toEqual([expect.objectContaining({ keyId: "keyA", state: "wrong" })]);
    expect(report.problems[0]).toMatch(/has a key named "keyA", but it is not the key/);
  });

  test("a different BLIND_INDEX_KEY is refused: exact look-ups would find nothing", async () => {
    useKeys(KEY_A, Buffer.alloc(32, 0x55).toString("base64"));
    const report = await check();
    expect(report.blindIndex).toBe("wrong");
    expect(report.problems).toEqual([expect.stringMatching(/^BLIND_INDEX_KEY is not the key/)]);
  });

  test('given "B,A" it starts and writes new data with B; old data stays readable', async () => {
    useKeys(`${KEY_B},${KEY_A}`);
    const report = await enforceKeyCheck(await getDb());
    expect(report.keys.map((k) => [k.keyId, k.state])).toEqual([
      ["keyA", "ok"],
      ["keyB", "new"],
    ]);
    expect((await check()).writeKeyId).toBe("keyB");
    const after = await citizen("after@keycheck.test");
    expect(after.keyId).toBe("keyB");
    expect(await revealCitizenField(ctx, { id: before.id, field: "email" })).toEqual({ value: before.email });
  });

  test('a server still given "A,B" (A first) is refused: it would go back to writing with A', async () => {
    useKeys(`${KEY_A},${KEY_B}`);
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(
      /"keyA" is the first key in ENCRYPTION_KEYS, but new data has been written with "keyB" since .*: put "keyB" first/,
    );
  });

  test("crypto:rotate then lets A be removed, and the check agrees", async () => {
    useKeys(`${KEY_B},${KEY_A}`);
    const db = await getDb();
    const result = await runAsSystem("crypto_rotate", () => rotateCitizenKeys(db, { batchSize: 5 }));
    expect(result.totals.failed).toBe(0);
    expect(result.retiredKeyIds).toEqual(["keyA"]);
    useKeys(KEY_B);
    const report = await enforceKeyCheck(await getDb());
    expect(report.keys).toEqual([expect.objectContaining({ keyId: "keyB", state: "ok" })]);
    expect(await revealCitizenField(ctx, { id: before.id, field: "email" })).toEqual({ value: before.email });
    const out: string[] = [];
    expect(await checkCli({ db: await getDb(), out: (l) => out.push(l) })).toBe(0);
    expect(out.at(-1)).toBe("OK: the configured keys can read every stored value.");
    // And A, retired, cannot come back as the write key.
    useKeys(`${KEY_A},${KEY_B}`);
    expect((await check()).problems[0]).toMatch(/crypto:rotate moved all data off it/);
  });
});

describe("data written before the key registry existed", () => {
  // The migration's backfill, run again on an emptied registry: what a database that predates
  // the table gets when it is migrated.
  const migration = readFileSync(
    path.join(process.cwd(), "prisma/migrations/20261202030845_encryption_key_canaries/migration.sql"),
    "utf8",
  );
  const backfill = migration.slice(migration.indexOf("DO $$"));

  test("the backfill finds the key ids in use with a sample each, which the check verifies and replaces", async () => {
    useKeys(`${KEY_B},${KEY_A}`);
    const legacy = await citizen("legacy-b@keycheck.test");
    expect(legacy.keyId).toBe("keyB");
    useKeys(`${KEY_A},${KEY_B}`);
    const db = await getDb();
    // Written with A as primary, as an old instance would have done before the table existed.
    const rows = await ownerSqlFor(await getDatabase())(async (sql) => {
      await sql.exec("DELETE FROM encryption_key_canaries; DELETE FROM blind_index_canaries;");
      return sql.query<{ key_id: string; sample_tenant_id: string | null }>(
        "SELECT key_id, sample_tenant_id FROM encryption_key_canaries",
      );
    });
    expect(rows).toEqual([]);
    const legacyA = await citizen("legacy-a@keycheck.test");
    expect(legacyA.keyId).toBe("keyA");
    const found = await ownerSqlFor(await getDatabase())(async (sql) => {
      await sql.exec(backfill);
      return sql.query<{ key_id: string; sample_tenant_id: string | null }>(
        "SELECT key_id, sample_tenant_id FROM encryption_key_canaries ORDER BY key_id",
      );
    });
    expect(found.map((r) => r.key_id)).toEqual(["keyA", "keyB"]);
    expect(found.every((r) => r.sample_tenant_id !== null)).toBe(true);

    useKeys(KEY_B);
    expect((await check()).problems).toEqual([expect.stringMatching(/Key id "keyA" encrypts stored data/)]);
    useKeys(`${KEY_A},${KEY_B}`);
    const report = await enforceKeyCheck(db);
    expect(report.blindIndex).toBe("ok");
    // Verified samples (real people's values) are replaced by canaries.
    const after = await db.encryptionKeyCanary.findMany({ orderBy: { keyId: "asc" } });
    expect(after.map((r) => [r.keyId, r.sampleTenantId])).toEqual([
      ["keyA", null],
      ["keyB", null],
    ]);
    expect((await db.blindIndexCanary.findUnique({ where: { id: 1 } }))?.valueEnc).toBeNull();
    expect((await check()).ok).toBe(true);
  });
});
