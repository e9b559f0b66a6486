// Chain verification as a tenant operation: checks the tenant's audit chain (lib/audit/verify.ts)
// and puts the check itself on the record, so "who verified, when, and what did they see" is
// part of the trail. The event is written after verifying, in its own transaction: the check
// can take a while on a long chain and must not hold the chain's head lock meanwhile.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { verifyAuditChain, type ChainBreak } from "./verify";

/** ChainVerification with plain values (ISO date), for server actions and JSON. */
export type ChainVerificationResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: Omit<ChainBreak, "createdAt"> & { createdAt: string } };

export async function verifyTenantAuditChain(ctx: TenantContext): Promise<ChainVerificationResult> {
  const db = await getDb();
  const verification = await verifyAuditChain(db, ctx.tenantId);
  const result: ChainVerificationResult = verification.ok
    ? { ok: true, checked: verification.checked }
    : {
        ok: false,
        checked: verification.checked,
        brokenAt: { ...verification.brokenAt, createdAt: verification.brokenAt.createdAt.toISOString() },
      };
  await db.forTenant(ctx).$tenantTransaction((tx) =>
    recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "audit.chain_verified",
      data: { ...result },
    }),
  );
  return result;
}
