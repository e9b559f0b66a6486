// Duplicates flagged at import time through the one finder (lib/citizens/duplicates): the
// validation report marks staged rows that look like existing citizens with the review queue's
// own score (typos, swapped names — not only equal blind indexes), the commit puts the imported
// citizens' candidate pairs into the review queue, and another tenant's citizens are never
// matched. The staged-row finder agrees with the finder run on the same rows once imported.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { commitImport } from "@/lib/citizens/import/commit";
import { listImportRows } from "@/lib/citizens/import/jobs";
import { importUploadSchema, type ImportMapping } from "@/lib/citizens/import/schemas";
import { validateImport } from "@/lib/citizens/import/validate";
import { createCitizen } from "@/lib/citizens/mutations";
import { citizenFieldsSchema } from "@/lib/citizens/schemas";
import { listDuplicateCandidates } from "@/lib/citizens/duplicates/list-duplicate-candidates";
import { refreshDuplicateCandidates } from "@/lib/citizens/duplicates/refresh-duplicate-candidates";
import type { TenantContext } from "@/lib/context/request-context";
import { createTenant } from "@/lib/tenants/create-tenant";

const MAPPING: ImportMapping = {
  "First name": "firstName",
  "Last name": "lastName",
  Email: "email",
  Phone: "phone",
  "Date of birth": "dateOfBirth",
  Address: "addressLine1",
  "Postal code": "postalCode",
};
const HEADER = Object.keys(MAPPING).join(",");

async function tenantCtx(): Promise<TenantContext> {
  const db = await getDb();
  const owner = await db.user.create({
    data: { email: `owner-${randomUUID().slice(0, 8)}@dup-import.test`, name: "Owner", emailVerifiedAt: new Date() },
    select: { id: true },
  });
  const tenant = await createTenant(owner, { name: "Dup Import Org", slug: `dimp-${randomUUID().slice(0, 10)}` });
  return { tenantId: tenant.id, userId: owner.id, role: "OWNER", requestId: "test" };
}

const make = (ctx: TenantContext, f: Record<string, string>) => createCitizen(ctx, citizenFieldsSchema.parse(f));

const upload = (ctx: TenantContext, lines: string[]) => {
  const csv = [HEADER, ...lines].join("\n");
  return validateImport(
    ctx,
    importUploadSchema.parse({ fileName: "people.csv", mapping: JSON.stringify(MAPPING) }),
    new Blob([csv]).stream(),
    { expectedBytes: Buffer.byteLength(csv) },
  );
};

async function duplicateRows(ctx: TenantContext, jobId: string) {
  const page = await listImportRows(ctx, jobId, { kind: "duplicates", limit: 200 });
  return page.rows.map((r) => ({ line: r.line, of: r.duplicateOf, ofLine: r.duplicateOfLine }));
}

const queue = async (ctx: TenantContext) =>
  (await listDuplicateCandidates(ctx, { limit: 200 })).items.map((c) => ({
    pair: [c.a.id, c.b.id].sort().join("|"),
    names: [`${c.a.firstName} ${c.a.lastName}`, `${c.b.firstName} ${c.b.lastName}`].sort(),
    score: c.score,
    fields: c.fields,
    blocks: c.blocks,
  }));

afterAll(async () => {
  await (await getDatabase()).close();
});

test("rows that look like existing citizens are flagged with the finder's score, then land in the review queue", async () => {
  const ctx = await tenantCtx();
  const hendrika = await make(ctx, {
    firstName: "Hendrika",
    lastName: "Oosterhuis",
    dateOfBirth: "1961-03-14",
    email: "h.o@example.org",
  });
  const maria = await make(ctx, { firstName: "Maria", lastName: "Kuipers", email: "m.kuipers@example.org" });
  const wigbold = await make(ctx, {
    firstName: "Wigbold",
    lastName: "Tjallingii",
    addressLine1: "12 Kerkstraat",
    postalCode: "9001 AA",
  });
  await make(ctx, { firstName: "Karel", lastName: "Appel", dateOfBirth: "1980-02-02" });

  const job = await upload(ctx, [
    "Oosterhuis,Hendrika,,,1961-03-14,,", // 2: names swapped, same birth date (no blind index in common)
    "Mraia,Kuipers,m.kuipers@example.org,,,,", // 3: a typo in the first name, same email
    "Wigbold,Tjallingii,,,,12 Kerkstraat,9001aa", // 4: same name and address, postal code typed differently
    "Kim,Zwart,,,1980-02-02,,", // 5: only a birth date in common with Karel Appel: not a duplicate
    "Anneke,Brouwer,a.b@example.org,,,,", // 6: new
    "Anneke,Brouwer,a.b@example.org,,,,", // 7: repeats line 6
  ]);
  expect(job).toMatchObject({ validRows: 6, invalidRows: 0, duplicates: 4 });
  expect(await duplicateRows(ctx, job.id)).toEqual([
    { line: 2, of: hendrika.id, ofLine: null },
    { line: 3, of: maria.id, ofLine: null },
    { line: 4, of: wigbold.id, ofLine: null },
    { line: 7, of: null, ofLine: 6 },
  ]);

  expect(await queue(ctx)).toEqual([]);
  const done = await commitImport(ctx, job.id, { mode: "all", skipDuplicates: false });
  expect(done.importedRows).toBe(6);
  const flagged = await queue(ctx);
  expect(flagged.map((c) => c.names)).toEqual(
    expect.arrayContaining([
      ["Hendrika Oosterhuis", "Oosterhuis Hendrika"],
      ["Maria Kuipers", "Mraia Kuipers"],
      ["Wigbold Tjallingii", "Wigbold Tjallingii"],
      ["Anneke Brouwer", "Anneke Brouwer"],
    ]),
  );
  expect(flagged).toHaveLength(4);
  // What the import flagged is what a full refresh finds: the same pairs, scores and reasons.
  await refreshDuplicateCandidates(ctx);
  expect(await queue(ctx)).toEqual(flagged);
  const db = await getDb();
  const events = await db.forTenant(ctx).auditEvent.findMany({
    where: { action: "citizen.import_duplicates_flagged" },
    select: { targetType: true, data: true },
  });
  expect(events).toEqual([{ targetType: "import_job", data: expect.objectContaining({ found: 4, imported: 6 }) }]);
});

test("another tenant's citizens are never matched, at validation or after the commit", async () => {
  const A = await tenantCtx();
  const B = await tenantCtx();
  await make(B, { firstName: "Sjoukje", lastName: "Dijkstra", email: "s.d@example.org", dateOfBirth: "1970-01-01" });
  const job = await upload(A, ["Sjoukje,Dijkstra,s.d@example.org,,1970-01-01,,"]);
  expect(job.duplicates).toBe(0);
  expect(await duplicateRows(A, job.id)).toEqual([]);
  await commitImport(A, job.id, { mode: "all", skipDuplicates: false });
  expect(await queue(A)).toEqual([]);
  expect(await queue(B)).toEqual([]);
});

test("skipping duplicates skips the rows the finder flagged; an office phone shared by many flags nobody", async () => {
  const ctx = await tenantCtx();
  await make(ctx, { firstName: "Grietje", lastName: "Bruinsma", email: "g.b@example.org" });
  // 51 people share the office's phone: a block larger than the limit (50) proposes nothing.
  const office = Array.from({ length: 51 }, (_, i) => `Clerk${i},Office${i},,+31 20 555 0000,,,`);
  const job = await upload(ctx, ["Grietje,Bruinsma,g.b@example.org,,,,", ...office]);
  expect(await duplicateRows(ctx, job.id)).toEqual([{ line: 2, of: expect.any(String), ofLine: null }]);
  const done = await commitImport(ctx, job.id, { mode: "all", skipDuplicates: true });
  expect(done.importedRows).toBe(51);
  expect(await queue(ctx)).toEqual([]);
});
