// The tenant's credit ledger for the billing page and its CSV export: newest first, filtered by
// kind, AI feature (the feature of the reservation an entry belongs to: reserve, settle,
// refund) and days in the tenant's time zone, a page at a time (keyset on created_at, id). Read in a tenant
// transaction (RLS underneath, and the tenant id in every condition): another tenant's entries
// never show, and another tenant's cursor is only a position in time. Reserve/refund/settle
// entries of one AI call are shown as written, so the ledger adds up to the balance line by line.
import "server-only";
import { getDb } from "@/lib/db";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { parseInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreditLedgerKind } from "@/lib/generated/prisma/enums";
import {
  ledgerCursor,
  ledgerQuerySchema,
  parseLedgerCursor,
  type LedgerFilters,
  type LedgerQueryInput,
} from "./ledger-schemas";

export type LedgerEntryView = {
  id: string;
  kind: CreditLedgerKind;
  delta: bigint;
  reason: string | null;
  createdAt: Date;
  /** The AI feature of the entry's reservation; null for grants, purchases, adjustments. */
  feature: string | null;
  actorType: string;
  requestId: string | null;
};

export const LEDGER_PAGE_SIZE = 50;

/**
 * The WHERE of a filtered ledger read, for the alias `l` (credit_ledger) and `r` (its reservation).
 * `from`/`to` are calendar days in `timeZone`, the tenant's (the zone the page shows times in).
 */
export function ledgerWhere(
  tenantId: string,
  f: Partial<LedgerFilters>,
  after: { at: Date; id: string } | undefined,
  timeZone: string,
) {
  const parts: Prisma.Sql[] = [Prisma.sql`l.tenant_id = ${tenantId}::uuid`];
  if (f.kind) parts.push(Prisma.sql`l.kind = ${f.kind}::"CreditLedgerKind"`);
  if (f.feature) parts.push(Prisma.sql`r.feature = ${f.feature}`);
  if (f.from) parts.push(Prisma.sql`l.created_at >= (${f.from}::date)::timestamp AT TIME ZONE ${timeZone}`);
  if (f.to) parts.push(Prisma.sql`l.created_at < (${f.to}::date + 1)::timestamp AT TIME ZONE ${timeZone}`);
  if (after) parts.push(Prisma.sql`(l.created_at, l.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return Prisma.join(parts, " AND ");
}

export const LEDGER_SELECT = Prisma.sql`
  SELECT l.id, l.kind, l.delta, l.reason, l.created_at AS "createdAt", r.feature,
         l.actor_type AS "actorType", l.request_id AS "requestId"
  FROM credit_ledger l
  LEFT JOIN credit_reservations r ON r.tenant_id = l.tenant_id AND r.id = l.reservation_id`;

/** One page of the filtered ledger and the cursor of the next (null on the last page). */
export async function listLedgerPage(
  ctx: { tenantId: string },
  raw: LedgerQueryInput,
  limit = LEDGER_PAGE_SIZE,
): Promise<{ entries: LedgerEntryView[]; nextCursor: string | null }> {
  const query = parseInput(ledgerQuerySchema, raw, "The ledger filters are not valid");
  const take = Math.min(Math.max(limit, 1), 200);
  const after = query.cursor ? parseLedgerCursor(query.cursor) : undefined;
  const { timeZone } = await readFormatSettings(ctx.tenantId);
  const db = await getDb();
  const rows = await db.forTenant(ctx).$tenantTransaction(
    (tx) => tx.$queryRaw<LedgerEntryView[]>`
      ${LEDGER_SELECT}
      WHERE ${ledgerWhere(ctx.tenantId, query, after, timeZone)}
      ORDER BY l.created_at DESC, l.id DESC
      LIMIT ${take + 1}`,
  );
  const entries = rows.slice(0, take);
  return { entries, nextCursor: rows.length > take ? ledgerCursor(entries.at(-1)!) : null };
}

/** The newest entries, unfiltered (what the page showed before it had filters). */
export async function listLedgerEntries(
  ctx: { tenantId: string },
  options: { limit?: number } = {},
): Promise<LedgerEntryView[]> {
  return (await listLedgerPage(ctx, {}, options.limit ?? LEDGER_PAGE_SIZE)).entries;
}
