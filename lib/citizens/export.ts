// The citizens list as CSV, streamed: the same filters as the list page (citizenFilters), in
// the list's sort order, 2,000 rows a page, each page its own short tenant transaction, and
// the next page read only when the client has taken the last one, so memory stays flat and
// no transaction waits on a slow download.
//
// Personal fields are decrypted: an export is a deliberate disclosure, recorded as
// `citizen.exported` (with the filters, PII in them redacted) before the first byte. The first
// page is produced before the response starts, and a later failure errors the download
// (lib/csv/paged-stream.ts): never a partial file that looks complete.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { pagedCsvStream } from "@/lib/csv/paged-stream";
import { CSV_EOL, csvData, csvRow } from "@/lib/csv/write";
import { DecryptionError } from "@/lib/crypto/field-cipher";
import { UnavailableError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { listCustomFields } from "./custom-fields";
import { citizenOrderBy, citizenFilters, FUZZY_THRESHOLD } from "./list";
import { decryptPii } from "./pii";
import { citizenListQuerySchema, PHONE_PATTERN, type CitizenListQuery } from "./schemas";

export const CITIZEN_CSV_COLUMNS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "phone",
  "national_id",
  "date_of_birth",
  "address_line1",
  "address_line2",
  "postal_code",
  "city",
  "country",
  "preferred_language",
  "tags",
  "created_at",
  "updated_at",
] as const;

/** Rows per page: few round trips, flat memory. */
export const CITIZEN_EXPORT_PAGE_SIZE = 2_000;

type ExportRow = {
  id: string;
  first_name: string;
  last_name: string;
  email_enc: string | null;
  phone_enc: string | null;
  national_id_enc: string | null;
  date_of_birth_enc: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  preferred_language: string;
  tags: string[];
  custom_fields: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
};

// Keyset order per list sort: the columns compared, and which way.
const ORDERS = {
  newest: { keys: ["created_at", "id"], dir: "DESC" },
  oldest: { keys: ["created_at", "id"], dir: "ASC" },
  updated: { keys: ["updated_at", "id"], dir: "DESC" },
  name: { keys: ["last_name", "first_name", "id"], dir: "ASC" },
} as const satisfies Record<CitizenListQuery["sort"], { keys: readonly (keyof ExportRow)[]; dir: "ASC" | "DESC" }>;

/** The list's filters that are set (for the audit event and the file name); no paging keys. */
export function activeCitizenFilters(query: CitizenListQuery): Record<string, unknown> {
  const { cursor: _cursor, limit: _limit, ...rest } = query;
  return Object.fromEntries(
    Object.entries(rest).filter(
      ([k, v]) =>
        v !== undefined && v !== "" && v !== false && !(k === "mode" && !query.q) && !(k === "sort" && v === "newest"),
    ),
  );
}

/**
 * Records `citizen.exported` and returns the CSV as a byte stream: header, then one line per
 * citizen matching `input` (the list page's query parameters).
 */
export async function streamCitizensCsv(ctx: TenantContext, input: unknown): Promise<ReadableStream<Uint8Array>> {
  const query = citizenListQuerySchema.parse(input);
  const defs = await listCustomFields(ctx);
  const db = await getDb();
  const tenantDb = db.forTenant(ctx);
  const filters = activeCitizenFilters(query);

  const where = citizenFilters(ctx.tenantId, query);
  const fuzzy = query.q && query.mode === "fuzzy" ? query.q.toLowerCase() : null;
  // A fuzzy search exports what the list finds (trigram match); the order stays the sort's.
  if (fuzzy)
    where.push(
      Prisma.sql`c.search_name IN (SELECT n.search_name FROM citizen_names n WHERE n.tenant_id = ${ctx.tenantId}::uuid AND n.citizens > 0 AND n.search_name % lower(unaccent(${fuzzy})))`,
    );
  const order = ORDERS[query.sort];
  const cols = (alias: string) => Prisma.raw(order.keys.map((k) => `${alias}.${k}`).join(", "));
  let last: ExportRow | null = null;

  const page = () =>
    tenantDb.$tenantTransaction(async (tx) => {
      if (fuzzy) await tx.$executeRaw`SELECT set_config('pg_trgm.similarity_threshold', ${FUZZY_THRESHOLD}, true)`;
      const after = last
        ? Prisma.sql`AND (${cols("c")}) ${Prisma.raw(order.dir === "DESC" ? "<" : ">")} (${Prisma.join(order.keys.map((k) => (k === "id" ? Prisma.sql`${last![k]}::uuid` : k.endsWith("_at") ? Prisma.sql`${last![k]}::timestamptz` : Prisma.sql`${last![k]}`)))})`
        : Prisma.empty;
      return tx.$queryRaw<ExportRow[]>`
        SELECT c.id::text AS id, c.first_name, c.last_name, c.email_enc, c.phone_enc, c.national_id_enc, c.date_of_birth_enc,
               c.address_line1, c.address_line2, c.postal_code, c.city, c.country, c.preferred_language, c.tags, c.custom_fields,
               c.created_at, c.updated_at
          FROM citizens c
         WHERE ${Prisma.join(where, " AND ")} ${after}
         ORDER BY ${citizenOrderBy(query.sort, query.deleted)}
         LIMIT ${CITIZEN_EXPORT_PAGE_SIZE}`;
    });

  const toCsv = (r: ExportRow) => {
    const pii = (field: "email" | "phone" | "nationalId" | "dateOfBirth", stored: string | null) =>
      decryptPii(ctx.tenantId, field, stored);
    const custom = r.custom_fields ?? {};
    // A phone number that passes the form's rule is digits and spaces: `+31 6 …` is data, and
    // a guard apostrophe would make the export fail its own import (issue #13).
    const phone = pii("phone", r.phone_enc);
    return csvRow([
      r.id,
      r.first_name,
      r.last_name,
      pii("email", r.email_enc),
      phone && PHONE_PATTERN.test(phone) ? csvData(phone) : phone,
      pii("nationalId", r.national_id_enc),
      pii("dateOfBirth", r.date_of_birth_enc),
      r.address_line1,
      r.address_line2,
      r.postal_code,
      r.city,
      r.country,
      r.preferred_language,
      r.tags.join(";"),
      r.created_at,
      r.updated_at,
      ...defs.map((d) => custom[d.key]),
    ]);
  };

  const nextPage = async () => {
    const rows = await page();
    const text = rows.map(toCsv).join("");
    if (rows.length > 0) last = rows[rows.length - 1]!;
    return { text, last: rows.length < CITIZEN_EXPORT_PAGE_SIZE };
  };

  // Custom fields as `cf.<key>`: never clashes with a built-in column, and imports back.
  const header = [...CITIZEN_CSV_COLUMNS, ...defs.map((d) => `cf.${d.key}`)].join(",") + CSV_EOL;
  const stream = await pagedCsvStream({
    header,
    // The first page is read and decrypted before anything is recorded or sent: keys that
    // cannot read the data answer 503 with a reason, not a 200 holding a header line.
    nextPage: () =>
      nextPage().catch((err: unknown) => {
        if (err instanceof DecryptionError)
          throw new UnavailableError(
            "The export cannot be produced: stored personal data cannot be decrypted with the configured encryption keys. An administrator can run `npm run crypto:check`.",
            { cause: err },
          );
        throw err;
      }),
    log: { request_id: ctx.requestId, tenant_id: ctx.tenantId, user_id: ctx.userId, event: "citizen.export_failed" },
    failureMessage: "citizen export failed after the download had started: the client sees a failed download",
  });
  await tenantDb.$tenantTransaction((tx) =>
    recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.exported",
      targetType: "citizen",
      data: { filters, status: "started", customFields: defs.length },
    }),
  );
  return stream;
}
