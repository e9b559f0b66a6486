// The business functions behind every form action and route, fed generated input through their
// shared schemas, as the actions and routes do: valid base values with some fields replaced by
// hostile ones (NUL, control characters, lone surrogates, huge strings, impossible days, wrong
// types). Whatever comes in, the outcome is a result or an AppError (a field error / 4xx) —
// never a database error (a 500) — and a rejected input leaves no row and no audit event
// behind. Runs on PostgreSQL (DATABASE_URL) and on PGlite.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { ZodError, type z } from "zod";
import { listAuditEvents } from "@/lib/audit/list";
import { streamAuditCsv } from "@/lib/audit/export";
import { addCaseNote, changeCaseStatus, createCase, updateCase } from "@/lib/cases/mutations";
import { listCases } from "@/lib/cases/list";
import {
  addNoteSchema,
  caseListQuerySchema,
  changeStatusSchema,
  createCaseSchema,
  updateCaseSchema,
} from "@/lib/cases/schemas";
import { createCustomField } from "@/lib/citizens/custom-fields";
import { streamCitizensCsv } from "@/lib/citizens/export";
import { getImportJob, listImportRows } from "@/lib/citizens/import/jobs";
import { previewImport } from "@/lib/citizens/import/preview";
import { importUploadSchema } from "@/lib/citizens/import/schemas";
import { validateImport } from "@/lib/citizens/import/validate";
import { listCitizens } from "@/lib/citizens/list";
import { createCitizen, updateCitizen } from "@/lib/citizens/mutations";
import { saveView } from "@/lib/saved-views/save";
import { saveViewSchema } from "@/lib/saved-views/schemas";
import {
  citizenListQuerySchema,
  createCitizenSchema,
  customFieldDefinitionSchema,
  updateCitizenSchema,
} from "@/lib/citizens/schemas";
import type { TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { AppError, ValidationError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";
import { inviteMember } from "@/lib/tenants/invitations";
import { updateFormatSettings } from "@/lib/tenants/format-settings";
import { createTenantSchema, formatSettingsSchema, inviteMemberSchema } from "@/lib/tenants/schemas";
import { hostileRecord, hostileString, hostileValue } from "@/tests/support/fuzz";

// Each run is a few transactions; FUZZ_RUNS raises it for a longer local hunt.
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
// A property is RUNS × a few transactions: minutes on in-memory PGlite on a loaded machine.
jest.setTimeout(300_000);

let ctx: TenantContext;
let owner: { id: string };
let citizenId: string;
let caseId: string;

/** Rows of every table a form or route writes, and the audit trail: a rejected input changes none. */
async function counts(): Promise<Record<string, number>> {
  const db = await getDb();
  const [row] = await db.forTenant(ctx).$tenantTransaction(
    (tx) =>
      tx.$queryRaw<Array<Record<string, bigint>>>`
      SELECT (SELECT count(*) FROM citizens WHERE tenant_id = ${ctx.tenantId}::uuid) AS citizens,
             (SELECT count(*) FROM cases WHERE tenant_id = ${ctx.tenantId}::uuid) AS cases,
             (SELECT count(*) FROM case_events WHERE tenant_id = ${ctx.tenantId}::uuid) AS case_events,
             (SELECT count(*) FROM saved_views WHERE tenant_id = ${ctx.tenantId}::uuid) AS saved_views,
             (SELECT count(*) FROM custom_field_definitions WHERE tenant_id = ${ctx.tenantId}::uuid) AS custom_fields,
             (SELECT count(*) FROM invitations WHERE tenant_id = ${ctx.tenantId}::uuid) AS invitations,
             (SELECT count(*) FROM import_jobs WHERE tenant_id = ${ctx.tenantId}::uuid) AS import_jobs,
             (SELECT count(*) FROM audit_events WHERE tenant_id = ${ctx.tenantId}::uuid) AS audit_events`,
  );
  const out = Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  out.tenants = await db.tenant.count();
  return out;
}

/** What the action and route mappers turn into a 4xx with the error body (lib/errors/serialize.ts). */
const expected = (err: unknown) => (err instanceof AppError && err.status < 500) || err instanceof ZodError;

/**
 * Parses like the action does, runs the operation when the schema accepts; only an AppError may
 * come out, and a rejection (by schema or by the function) must leave every count unchanged.
 */
async function attempt<S extends z.ZodType>(
  schema: S,
  input: unknown,
  run: (parsed: z.output<S>) => Promise<unknown>,
): Promise<void> {
  const before = await counts();
  const parsed = schema.safeParse(input);
  let rejected = !parsed.success;
  if (parsed.success) {
    try {
      await run(parsed.data);
    } catch (err) {
      if (!expected(err))
        throw new Error(`non-AppError for ${JSON.stringify(input)?.slice(0, 300)}: ${String(err)}`, { cause: err });
      rejected = true;
    }
  }
  if (rejected) expect(await counts()).toEqual(before);
}

/**
 * A valid base with one field (mostly) or any of them replaced by hostile values: with one bad
 * field the rest gets past the schema, so the bad value is what reaches the database.
 */
const around = (base: Record<string, unknown>) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(base)), hostileValue)
        .map(([key, value]) => ({ ...base, [key]: value })),
    },
    { weight: 1, arbitrary: hostileRecord(Object.keys(base)).map((over) => ({ ...base, ...over })) },
  );

async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;
const body = (text: string) => new Blob([text]).stream() as ReadableStream<Uint8Array>;

beforeAll(async () => {
  const db = await getDb();
  owner = await db.user.create({
    data: { email: `owner-${randomUUID().slice(0, 8)}@fuzz.test`, name: "Fuzz Owner", emailVerifiedAt: new Date() },
    select: { id: true },
  });
  const tenant = await createTenant(owner, { name: "Fuzz Org", slug: `fuzz-${randomUUID().slice(0, 10)}` });
  ctx = { tenantId: tenant.id, userId: owner.id, role: "OWNER", requestId: "fuzz" };
  await createCustomField(ctx, { key: "member_no", label: "Member no", type: "TEXT", options: [], required: false });
  await createCustomField(ctx, { key: "since", label: "Member since", type: "DATE", options: [], required: false });
  citizenId = (await createCitizen(ctx, createCitizenSchema.parse({ firstName: "Ada", lastName: "Lovelace" }))).id;
  caseId = (await createCase(ctx, createCaseSchema.parse({ citizenId, title: "Broken street light" }))).id;
});
afterAll(async () => {
  await (await getDatabase()).close();
});

const citizenBase = {
  firstName: "Grace",
  lastName: "Hopper",
  email: "grace@example.org",
  phone: "+32 470 123456",
  nationalId: "85.07.30-033.61",
  dateOfBirth: "1985-07-30",
  city: "Gent",
  tags: "vip",
  notes: "First line\nsecond",
  customFields: { member_no: "M1", since: "2020-01-01" },
  consents: { newsletter: { granted: true, at: "2024-01-01", source: "form" } },
};

describe("citizens", () => {
  test("create: never a database error, nothing written when refused", async () => {
    await fc.assert(
      fc.asyncProperty(around(citizenBase), (input) =>
        attempt(createCitizenSchema, input, (p) => createCitizen(ctx, p)),
      ),
      { numRuns: RUNS * 4 },
    );
  });

  test("custom field values of any kind: a field error, not a jsonb error", async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, hostileValue, (memberNo, since) =>
        attempt(createCitizenSchema, { ...citizenBase, customFields: { member_no: memberNo, since } }, (p) =>
          createCitizen(ctx, p),
        ),
      ),
      { numRuns: RUNS },
    );
  });

  test("update", async () => {
    await fc.assert(
      fc.asyncProperty(around(citizenBase), async (input) => {
        const db = await getDb();
        const { version } = await db
          .forTenant(ctx)
          .citizen.findUniqueOrThrow({ where: { id: citizenId }, select: { version: true } });
        await attempt(updateCitizenSchema, { ...input, id: citizenId, version }, (p) => updateCitizen(ctx, p));
      }),
      { numRuns: RUNS },
    );
  });

  test("list and export filters", async () => {
    const base = {
      q: "ada",
      mode: "text",
      tag: "vip",
      city: "Gent",
      createdFrom: "2020-01-01",
      createdTo: "2030-01-01",
      field: "member_no=M1",
      email: "a@b.be",
      nationalId: "1",
      sort: "name",
      deleted: "",
      cursor: "",
      limit: "10",
    };
    await fc.assert(
      fc.asyncProperty(around(base), fc.constantFrom("text", "fuzzy"), async (input, mode) => {
        await attempt(citizenListQuerySchema, { ...input, mode }, (p) => listCitizens(ctx, p));
        // The export parses itself (its route hands over the raw query string).
        await attempt(citizenListQuerySchema, {}, async () => drain(await streamCitizensCsv(ctx, { ...input, mode })));
      }),
      { numRuns: RUNS },
    );
  });

  test("saved views", async () => {
    const base = { name: "My view", shared: "on", query: { q: "ada", city: "Gent" } };
    const schema = saveViewSchema.extend({ resource: createCitizenSchema.shape.firstName.transform(() => "citizens") });
    await fc.assert(
      fc.asyncProperty(around(base), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }), (input, query) =>
        attempt(schema, { ...input, query: { ...(input.query as object), ...query }, resource: "citizens" }, (p) =>
          saveView(ctx, { ...p, resource: "citizens" as const }),
        ),
      ),
      { numRuns: RUNS },
    );
  });

  test("custom field definitions", async () => {
    await fc.assert(
      fc.asyncProperty(
        around({ key: "extra", label: "Extra", type: "SELECT", options: "a, b", required: "on" }),
        fc.integer(),
        (input, n) =>
          attempt(
            customFieldDefinitionSchema,
            {
              ...input,
              key: typeof input.key === "string" && input.key === "extra" ? `extra_${Math.abs(n)}` : input.key,
            },
            (p) => createCustomField(ctx, p),
          ),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("cases", () => {
  const caseBase = {
    title: "Pothole on Main Street",
    description: "Deep\n\tand wide",
    category: "roads",
    priority: "HIGH",
    assigneeId: "",
    dueAt: "2030-06-30",
  };

  test("create, update, status change, note", async () => {
    await fc.assert(
      fc.asyncProperty(around(caseBase), (input) =>
        attempt(createCaseSchema, { ...input, citizenId }, (p) => createCase(ctx, p)),
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(around(caseBase), async (input) => {
        const db = await getDb();
        const { version } = await db
          .forTenant(ctx)
          .case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
        await attempt(updateCaseSchema, { ...input, id: caseId, version }, (p) => updateCase(ctx, p));
        const now = await db
          .forTenant(ctx)
          .case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
        await attempt(
          changeStatusSchema,
          { id: caseId, version: now.version, status: "IN_PROGRESS", note: input.description },
          (p) => changeCaseStatus(ctx, p),
        );
        await attempt(addNoteSchema, { id: caseId, body: input.title }, (p) => addCaseNote(ctx, p));
      }),
      { numRuns: RUNS },
    );
  });

  test("list filters", async () => {
    const base = {
      status: "open",
      priority: "HIGH",
      assignee: "me",
      citizenId,
      category: "roads",
      q: "pothole",
      createdFrom: "2020-01-01",
      createdTo: "2030-01-01",
      sort: "due",
      cursor: "",
      limit: "5",
    };
    await fc.assert(
      fc.asyncProperty(around(base), (input) => attempt(caseListQuerySchema, input, (p) => listCases(ctx, p))),
      { numRuns: RUNS },
    );
  });

  test("a due date in year 0000 or 9999 is a field error (it was a database error)", async () => {
    for (const dueAt of ["0000-01-01", "9999-12-31"]) {
      const r = createCaseSchema.safeParse({ citizenId, title: "Far away", dueAt });
      expect(r.success).toBe(false);
    }
  });
});

describe("audit trail filters (viewer, JSON API, CSV export)", () => {
  const base = {
    action: "citizen.",
    actorId: "",
    targetType: "citizen",
    targetId: "x",
    from: "2020-01-01",
    to: "2030-01-01",
    cursor: "",
    limit: "10",
  };

  test("list and export parse the raw query themselves: only ValidationError comes out", async () => {
    await fc.assert(
      fc.asyncProperty(around(base), async (input) => {
        const before = await counts();
        for (const run of [
          () => listAuditEvents(ctx, input as never),
          async () => drain(await streamAuditCsv(ctx, input as never)),
        ]) {
          try {
            await run();
          } catch (err) {
            if (!expected(err)) throw err;
          }
        }
        // The export records an `audit.exported` event when it runs; a refused one records nothing.
        const after = await counts();
        expect(after.audit_events! - before.audit_events!).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  test.each([
    ["a NUL in a filter", { targetType: "citizen\u0000" }],
    ["a day after which there is no timestamp", { to: "9999-12-31" }],
    ["year 0000", { from: "0000-01-01" }],
  ])("%s is a ValidationError (it was a 500)", async (_label, input) => {
    await expect(listAuditEvents(ctx, input)).rejects.toBeInstanceOf(ValidationError);
    await expect(streamAuditCsv(ctx, input)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("tenants and invitations", () => {
  test("create a tenant", async () => {
    await fc.assert(
      fc.asyncProperty(around({ name: "Sub Org", slug: "sub", parentSlug: "" }), fc.integer({ min: 0 }), (input, n) =>
        attempt(
          createTenantSchema,
          { ...input, slug: input.slug === "sub" ? `sub-${n}-${randomUUID().slice(0, 6)}` : input.slug },
          (p) => createTenant(owner, p),
        ),
      ),
      { numRuns: RUNS },
    );
  });

  test("change the locale and time zone", async () => {
    await fc.assert(
      fc.asyncProperty(around({ locale: "en-GB", timeZone: "Europe/Brussels" }), (input) =>
        attempt(formatSettingsSchema, input, (p) => updateFormatSettings(ctx, p)),
      ),
      { numRuns: RUNS },
    );
  });

  test("invite a member", async () => {
    await fc.assert(
      fc.asyncProperty(around({ email: "new@example.org", role: "MEMBER" }), (input) =>
        attempt(inviteMemberSchema, input, (p) => inviteMember(ctx, p)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("CSV import: cells and file names", () => {
  const mapping = {
    "First name": "firstName",
    "Last name": "lastName",
    Notes: "notes",
    Born: "dateOfBirth",
    "Member no": "cf.member_no",
    Since: "cf.since",
  };
  const header = Object.keys(mapping).join(",");

  test("any cell: the file validates with a per-row report, nothing reaches the database as text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), hostileString, async (at, cell) => {
        const cells = ["Ada", "Lovelace", "Notes\nmore", "1815-12-10", "M1", "2020-01-01"];
        cells[at] = cell;
        const csv = `${header}\r\n${cells.map(csvCell).join(",")}\r\n`;
        const input = importUploadSchema.parse({ fileName: "fuzz.csv", mapping: JSON.stringify(mapping) });
        try {
          const job = await validateImport(ctx, input, body(csv), { expectedBytes: Buffer.byteLength(csv) });
          expect(job.validRows + job.invalidRows + job.duplicates).toBeLessThanOrEqual(1);
          await listImportRows(ctx, job.id, { kind: "invalid", limit: 10 });
        } catch (err) {
          if (!expected(err)) throw err;
        }
        try {
          await previewImport(ctx, body(csv));
        } catch (err) {
          if (!expected(err)) throw err;
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("a NUL or control character in a cell is a row error in the report", async () => {
    const csv = `${header}\r\n"Ada\u0000","Lovelace","","","",""\r\n"Grace","Hop\u001bper","x\u0000y","","",""\r\n"Alan","Turing","","","M\u00002",""\r\n`;
    const input = importUploadSchema.parse({ fileName: "nul.csv", mapping: JSON.stringify(mapping) });
    const job = await validateImport(ctx, input, body(csv), { expectedBytes: Buffer.byteLength(csv) });
    expect(job).toMatchObject({ status: "VALIDATED", totalRows: 3, validRows: 0, invalidRows: 3 });
    const rows = (await listImportRows(ctx, job.id, { kind: "invalid", limit: 10 })).rows;
    // (arrayContaining: the fuzzing above may have added required custom fields to the tenant.)
    const keys = rows.map((r) => Object.keys(r.errors!));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toEqual(expect.arrayContaining(["firstName"]));
    expect(keys[1]).toEqual(expect.arrayContaining(["lastName", "notes"]));
    expect(keys[2]).toEqual(expect.arrayContaining(["customFields.member_no"]));
    expect(rows[0]!.errors!.firstName).toEqual(["Remove the invisible control characters from this text"]);
    expect((await getImportJob(ctx, job.id)).invalidRows).toBe(3);
  });

  test("a file name with NUL is refused before anything is stored", async () => {
    const r = importUploadSchema.safeParse({ fileName: "people\u0000.csv", mapping: JSON.stringify(mapping) });
    expect(r.success).toBe(false);
    expect(r.success ? null : r.error.issues[0]!.path).toEqual(["fileName"]);
  });
});
