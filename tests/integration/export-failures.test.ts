// Exports that cannot fail silently (issue #15): a citizens CSV whose first rows cannot be
// decrypted answers an error with an error body (never 200 with a header line); one that breaks
// after the download started errors the stream, so the client sees a failed download instead
// of a short file that looks complete; and the failure is logged.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { GET as exportRoute } from "@/app/api/tenants/[tenant]/citizens/export/route";
import { currentUser } from "@/lib/auth/session";
import { CITIZEN_EXPORT_PAGE_SIZE, streamCitizensCsv } from "@/lib/citizens/export";
import { createCitizen } from "@/lib/citizens/mutations";
import { createCitizenSchema } from "@/lib/citizens/schemas";
import type { TenantContext } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-export-failures" }) }));

/** A ciphertext under a key id this deployment never had. */
const UNREADABLE = `v1.gone.${Buffer.alloc(12, 1).toString("base64url")}.${Buffer.alloc(40, 2).toString("base64url")}`;

let user: User;

async function tenant(): Promise<TenantContext & { slug: string }> {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `x-${randomUUID().slice(0, 12)}`, name: "Export probe" } });
  await db
    .forTenant({ tenantId: t.id })
    .membership.create({ data: { tenantId: t.id, userId: user.id, role: "OWNER" } });
  return { tenantId: t.id, userId: user.id, role: "OWNER", requestId: "req-export-failures", slug: t.slug };
}

/** `n` citizens sorted by first name P00001…, all with the same (readable) email ciphertext. */
async function citizens(ctx: TenantContext, n: number): Promise<void> {
  const template = await createCitizen(
    ctx,
    createCitizenSchema.parse({ firstName: "P00000", lastName: "Export", email: "export@failures.test" }),
  );
  await (await getDb()).forTenant(ctx).$tenantTransaction(
    (tx) => tx.$executeRaw`
      INSERT INTO citizens (id, tenant_id, first_name, last_name, email_enc, email_bidx, preferred_language, tags, updated_at)
      SELECT gen_random_uuid(), c.tenant_id, 'P' || lpad(g::text, 5, '0'), c.last_name, c.email_enc, c.email_bidx, c.preferred_language, c.tags, now()
        FROM citizens c, generate_series(1, ${n - 1}::int) AS g
       WHERE c.id = ${template.id}::uuid`,
  );
}

async function spoil(ctx: TenantContext, firstName: string): Promise<void> {
  await (
    await getDb()
  )
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$executeRaw`UPDATE citizens SET email_enc = ${UNREADABLE} WHERE tenant_id = ${ctx.tenantId}::uuid AND first_name = ${firstName}`,
    );
}

const request = (slug: string, query = "?sort=name") =>
  [
    new NextRequest(`http://localhost/api/tenants/${slug}/citizens/export${query}`),
    { params: Promise.resolve({ tenant: slug }) },
  ] as const;

async function read(stream: ReadableStream<Uint8Array>): Promise<{ text: string; error: unknown }> {
  const decoder = new TextDecoder();
  let text = "";
  try {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>)
      text += decoder.decode(chunk, { stream: true });
    return { text, error: null };
  } catch (error) {
    return { text, error };
  }
}

beforeAll(async () => {
  const db = await getDb();
  user = await db.user.create({ data: { email: `x-${randomUUID()}@export.test`, name: "Exporter" } });
  jest.mocked(currentUser).mockResolvedValue(user as never);
});

afterAll(async () => {
  await (await getDatabase()).close();
});

test("a readable set streams completely: one line per citizen across pages", async () => {
  const ctx = await tenant();
  await citizens(ctx, CITIZEN_EXPORT_PAGE_SIZE + 5);
  const res = await exportRoute(...request(ctx.slug));
  expect(res.status).toBe(200);
  const { text, error } = await read(res.body!);
  expect(error).toBeNull();
  expect(text.trim().split("\r\n")).toHaveLength(1 + CITIZEN_EXPORT_PAGE_SIZE + 5);
});

test("an unreadable ciphertext in the first page: an error response with an error body, not 200", async () => {
  const ctx = await tenant();
  await citizens(ctx, 3);
  await spoil(ctx, "P00001");
  const res = await exportRoute(...request(ctx.slug));
  expect(res.status).toBe(503);
  expect(res.headers.get("content-disposition")).toBeNull();
  const body = await res.json();
  expect(body.error.code).toBe("UNAVAILABLE");
  expect(body.error.message).toMatch(/cannot be decrypted with the configured encryption keys/);
  // Nothing was disclosed, so no export is on the record.
  const db = await getDb();
  const events = await db
    .forTenant(ctx)
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          unknown[]
        >`SELECT 1 FROM audit_events WHERE tenant_id = ${ctx.tenantId}::uuid AND action = 'citizen.exported'`,
    );
  expect(events).toHaveLength(0);
});

test("an unreadable ciphertext after the first page: the stream errors (a failed download) and it is logged", async () => {
  const ctx = await tenant();
  await citizens(ctx, CITIZEN_EXPORT_PAGE_SIZE + 10);
  await spoil(ctx, `P${String(CITIZEN_EXPORT_PAGE_SIZE + 3).padStart(5, "0")}`); // in the second page
  const logged = jest.spyOn(logger, "error").mockImplementation(() => undefined);
  try {
    const res = await exportRoute(...request(ctx.slug));
    expect(res.status).toBe(200); // the first page was fine: the download had started
    const { text, error } = await read(res.body!);
    expect(error).toBeInstanceOf(Error);
    // The first page arrived whole; nothing of the failing page did.
    expect(text.trim().split("\r\n")).toHaveLength(1 + CITIZEN_EXPORT_PAGE_SIZE);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({
        event: "citizen.export_failed",
        tenant_id: ctx.tenantId,
        request_id: expect.any(String),
      }),
      expect.stringMatching(/failed after the download had started/),
    );
  } finally {
    logged.mockRestore();
  }
});

test("the business function itself refuses before returning a stream", async () => {
  const ctx = await tenant();
  await citizens(ctx, 2);
  await spoil(ctx, "P00000");
  await expect(streamCitizensCsv(ctx, { sort: "name" })).rejects.toMatchObject({ code: "UNAVAILABLE", status: 503 });
});
