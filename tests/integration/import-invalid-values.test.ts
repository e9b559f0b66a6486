// An invalid import row's values beside its line number (issue #13 item 12): stored in
// import_rows.cells with the PII cells encrypted (ciphertext at rest, bound to the tenant),
// shown decrypted with the national ID masked and the field in error in full, re-encrypted by
// the key rotation, and hidden from another tenant.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
const OLD_KEY = `old:${Buffer.alloc(32, 0x41).toString("base64")}`;
const NEW_KEY = `new:${Buffer.alloc(32, 0x42).toString("base64")}`;
process.env.ENCRYPTION_KEYS = OLD_KEY;
process.env.BLIND_INDEX_KEY = Buffer.alloc(32, 0x43).toString("base64");

import { randomUUID } from "node:crypto";
import { resetConfigForTests } from "@/lib/config";
import { commitImport } from "@/lib/citizens/import/commit";
import { listImportRows } from "@/lib/citizens/import/jobs";
import { importUploadSchema, type ImportMapping } from "@/lib/citizens/import/schemas";
import { validateImport } from "@/lib/citizens/import/validate";
import { runAsSystem, type TenantContext } from "@/lib/context/request-context";
import { keyIdOf } from "@/lib/crypto/field-cipher";
import { rotateCitizenKeys } from "@/lib/crypto/rotate";
import { getDatabase, getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";

const MAPPING: ImportMapping = {
  "First name": "firstName",
  "Last name": "lastName",
  Email: "email",
  "National ID": "nationalId",
  "Date of birth": "dateOfBirth",
  City: "city",
  Ignored: "",
};
const CSV = [
  "First name,Last name,Email,National ID,Date of birth,City,Ignored",
  "Amira,Eriksen,amira@example.org,NID-778812,1980-01-15,Gent,secret-note",
  "Bram,Peeters,bram@example.org,NID-445566,2099-13-45,Brugge,secret-note",
  "Chloé,,not-an-email,NID-990011,,Antwerpen,secret-note",
  ",,,,,,",
].join("\n");

async function tenantCtx(): Promise<TenantContext> {
  const db = await getDb();
  const owner = await db.user.create({
    data: { email: `owner-${randomUUID().slice(0, 8)}@cells.test`, name: "Owner", emailVerifiedAt: new Date() },
    select: { id: true },
  });
  const tenant = await createTenant(owner, { name: "Cells Org", slug: `cells-${randomUUID().slice(0, 10)}` });
  return { tenantId: tenant.id, userId: owner.id, role: "OWNER", requestId: "test" };
}

function webStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

const upload = (ctx: TenantContext, csv = CSV) =>
  validateImport(
    ctx,
    importUploadSchema.parse({ fileName: "people.csv", mapping: JSON.stringify(MAPPING) }),
    webStream(csv),
    { expectedBytes: Buffer.byteLength(csv) },
  );

type RawRow = { line: number; cells: Record<string, string> | null; cells_text: string | null };
async function rawRows(ctx: TenantContext, jobId: string): Promise<RawRow[]> {
  const db = await getDb();
  return db
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          RawRow[]
        >`SELECT line, cells, cells::text AS cells_text FROM import_rows WHERE job_id = ${jobId}::uuid ORDER BY line`,
    );
}

const useKeys = (keys: string) => {
  process.env.ENCRYPTION_KEYS = keys;
  resetConfigForTests();
};

let ctx: TenantContext;
let jobId: string;

beforeAll(async () => {
  await getDb();
  ctx = await tenantCtx();
  jobId = (await upload(ctx)).id;
});
afterAll(async () => {
  useKeys(OLD_KEY);
  await (await getDatabase()).close();
});

describe("invalid rows keep their values, encrypted at rest", () => {
  test("only invalid rows have cells; PII cells are ciphertexts, other cells are as in the file", async () => {
    const rows = await rawRows(ctx, jobId);
    expect(rows.map((r) => [r.line, r.cells === null])).toEqual([
      [2, true],
      [3, false],
      [4, false],
    ]);
    const bram = rows[1]!.cells!;
    expect(Object.keys(bram).sort()).toEqual(
      ["firstName", "lastName", "emailEnc", "nationalIdEnc", "dateOfBirthEnc", "city"].sort(),
    );
    expect(bram.firstName).toBe("Bram");
    expect(bram.city).toBe("Brugge");
    for (const k of ["emailEnc", "nationalIdEnc", "dateOfBirthEnc"]) expect(keyIdOf(bram[k]!)).toBe("old");
    // Not a trace of the personal values, nor of the unmapped column, anywhere in the stored rows.
    const atRest = rows.map((r) => r.cells_text ?? "").join("\n");
    for (const secret of ["NID-445566", "NID-990011", "2099-13-45", "bram@example.org", "not-an-email", "secret-note"])
      expect(atRest).not.toContain(secret);
    // A row with empty cells keeps no key for them.
    expect(Object.keys(rows[2]!.cells!).sort()).toEqual(["city", "emailEnc", "firstName", "nationalIdEnc"].sort());
  });

  test("the report shows the values decrypted: the field in error in full, the national ID and other PII masked", async () => {
    const { rows } = await listImportRows(ctx, jobId, { kind: "invalid", limit: 10 });
    expect(rows.map((r) => r.line)).toEqual([3, 4]);
    expect(rows[0]!.errors).toEqual({ dateOfBirth: ["Not a real date: there is no month 13"] });
    expect(rows[0]!.cells).toEqual([
      { field: "firstName", value: "Bram", masked: false },
      { field: "lastName", value: "Peeters", masked: false },
      { field: "email", value: "b•••@example.org", masked: true },
      { field: "nationalId", value: "•••566", masked: true },
      { field: "dateOfBirth", value: "2099-13-45", masked: false },
      { field: "city", value: "Brugge", masked: false },
    ]);
    const chloe = rows[1]!;
    expect(Object.keys(chloe.errors!).sort()).toEqual(["email", "lastName"]);
    expect(chloe.cells).toContainEqual({ field: "email", value: "not-an-email", masked: false });
    // Even when it is the field in error, the national ID stays masked.
    expect(chloe.cells).toContainEqual({ field: "nationalId", value: "•••011", masked: true });
    expect(chloe.cells.find((c) => c.field === "lastName")).toBeUndefined();
  });

  test("the duplicates list carries no cells", async () => {
    const job = await upload(ctx, `${CSV}\nAmira,Eriksen,amira@example.org,NID-778812,1980-01-15,Gent,again`);
    const { rows } = await listImportRows(ctx, job.id, { kind: "duplicates", limit: 10 });
    expect(rows.map((r) => [r.line, r.duplicateOfLine])).toEqual([[6, 2]]);
    for (const r of rows) expect(r.cells).toEqual([]);
  });

  test("another tenant's id finds nothing, and a ciphertext copied into its rows does not decrypt", async () => {
    const other = await tenantCtx();
    await expect(listImportRows(other, jobId, { kind: "invalid", limit: 10 })).rejects.toThrow(NotFoundError);
    const otherJob = await upload(other, CSV.split("\n").slice(0, 1).concat("Dora,Dee,x,NID-1,,Gent,").join("\n"));
    const stolen = (await rawRows(ctx, jobId))[1]!.cells!;
    const db = await getDb();
    await db
      .forTenant(other)
      .$tenantTransaction(
        (tx) =>
          tx.$executeRaw`UPDATE import_rows SET cells = ${JSON.stringify(stolen)}::jsonb WHERE job_id = ${otherJob.id}::uuid`,
      );
    const { rows } = await listImportRows(other, otherJob.id, { kind: "invalid", limit: 10 });
    const nationalId = rows[0]!.cells.find((c) => c.field === "nationalId")!;
    expect(nationalId).toEqual({ field: "nationalId", value: "(cannot be decrypted)", masked: true });
    expect(JSON.stringify(rows)).not.toContain("NID-445566");
  });

  test("committing the valid rows keeps the invalid rows' values for the report", async () => {
    const job = await upload(ctx, CSV.replace("amira@", "amira2@").replace("NID-778812", "NID-1"));
    await commitImport(ctx, job.id, { mode: "valid_only", skipDuplicates: false });
    const { rows } = await listImportRows(ctx, job.id, { kind: "invalid", limit: 10 });
    expect(rows[0]!.cells).toContainEqual({ field: "dateOfBirth", value: "2099-13-45", masked: false });
  });

  test("the key rotation re-encrypts the cells, which still show the same values", async () => {
    useKeys(`${NEW_KEY},${OLD_KEY}`);
    const db = await getDb();
    const result = await runAsSystem("crypto_rotate", () =>
      rotateCitizenKeys(db, { tenantIds: [ctx.tenantId], batchSize: 2 }),
    );
    expect(result.tenants[0]!.failed).toEqual([]);
    const bram = (await rawRows(ctx, jobId))[1]!.cells!;
    for (const k of ["emailEnc", "nationalIdEnc", "dateOfBirthEnc"]) expect(keyIdOf(bram[k]!)).toBe("new");
    useKeys(NEW_KEY); // the old key is gone
    const { rows } = await listImportRows(ctx, jobId, { kind: "invalid", limit: 10 });
    expect(rows[0]!.cells).toContainEqual({ field: "dateOfBirth", value: "2099-13-45", masked: false });
    expect(rows[0]!.cells).toContainEqual({ field: "nationalId", value: "•••566", masked: true });
  });
});
