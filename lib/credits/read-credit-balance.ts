import "server-only";
import { getDb } from "@/lib/db";
import type { Tx } from "./shared";

export type CreditBalanceView = { balance: bigint; reserved: bigint };

export async function balanceIn(tx: Tx): Promise<CreditBalanceView> {
  const rows = await tx.$queryRaw<CreditBalanceView[]>`SELECT balance, reserved FROM credit_balances`;
  return rows[0] ?? { balance: 0n, reserved: 0n };
}

/** The tenant's available and reserved credits (0/0 before its first grant). */
export async function readCreditBalance(ctx: { tenantId: string }): Promise<CreditBalanceView> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction((tx) => balanceIn(tx));
}
