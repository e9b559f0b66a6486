// Pieces every credits function shares: the transaction type, who the ledger names as actor
// (the request context only, like recordAudit), and recognising the ledger trigger's refusal.
import "server-only";
import { currentLogContext } from "@/lib/context/request-context";
import type { TenantDb } from "@/lib/db";

export type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

export function ledgerActor(): { actorId: string | null; actorType: string; requestId: string | null } {
  const ctx = currentLogContext();
  const actorId = ctx?.userId ?? null;
  return {
    actorId,
    actorType: ctx?.actorType ?? (actorId ? "user" : ctx?.system ? "system" : "anonymous"),
    requestId: ctx?.requestId ?? null,
  };
}

/** The credit_ledger trigger raises SQLSTATE CR402 when a debit would go below zero. */
export function isInsufficientCredits(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const text = `${(e as { message?: string }).message ?? ""} ${JSON.stringify((e as { meta?: unknown }).meta ?? "")}`;
    if (text.includes("CR402") || text.includes("not enough credits")) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const billingUrl = (slug: string) => `/${slug}/settings/billing`;

/**
 * Why reserve and settle run with `asyncCommit` (lib/db/tenant-pipeline.ts). A tenant's calls serialise on its
 * balance row and audit chain head, and PostgreSQL holds those locks until the commit's WAL
 * flush: at fdatasync ≈ 5 ms here (pg_test_fsync), one tenant could never pass ~100 calls/s
 * (two commits each) however fast the SQL. Without waiting for the flush, the locks go at
 * COMMIT. What a database crash can then lose is the last fraction of a second of holds and
 * charges, each transaction whole (the balance still equals the ledger's sum): a lost hold or
 * charge is a call the tenant was not billed for, never one billed twice. Grants, purchases and
 * adjustments stay synchronous (grant-credits.ts).
 */
export const CREDITS_PIPELINE = { asyncCommit: true } as const;
