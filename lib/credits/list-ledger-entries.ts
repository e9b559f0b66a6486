// The newest entries of the tenant's credit ledger, for the billing page. Read through the
// tenant scope (RLS underneath); reserve/refund/settle pairs of one AI call are shown as they are
// written, so the page adds up to the balance line by line.
import "server-only";
import { getDb } from "@/lib/db";
import type { CreditLedgerKind } from "@/lib/generated/prisma/enums";

export type LedgerEntryView = {
  id: string;
  kind: CreditLedgerKind;
  delta: bigint;
  reason: string | null;
  createdAt: Date;
};

export const LEDGER_PAGE_SIZE = 50;

export async function listLedgerEntries(
  ctx: { tenantId: string },
  options: { limit?: number } = {},
): Promise<LedgerEntryView[]> {
  const limit = Math.min(Math.max(options.limit ?? LEDGER_PAGE_SIZE, 1), 200);
  const db = await getDb();
  return db.forTenant(ctx).creditLedgerEntry.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, kind: true, delta: true, reason: true, createdAt: true },
  });
}
