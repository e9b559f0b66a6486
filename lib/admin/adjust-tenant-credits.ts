// A platform admin grants or takes back a tenant's AI credits (issue #12 item 5): one
// `adjustment` ledger entry with the admin as actor and the reason, audited in the tenant's own
// chain (the organisation sees who changed its credits and why) and in the platform chain, all in
// one tenant transaction. A change that would take the balance below zero is refused with the
// balance named; nothing is written then.
import "server-only";
import { recordAudit, type AuditEventInput } from "@/lib/audit/record";
import { balanceIn } from "@/lib/credits/read-credit-balance";
import { isInsufficientCredits, ledgerActor } from "@/lib/credits/shared";
import { getDb } from "@/lib/db";
import { NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { assertPlatformAdmin } from "./platform-admin";
import { adjustTenantCreditsSchema, type AdjustTenantCreditsInput } from "./schemas";
import type { PlatformContext } from "./types";

export type AdjustTenantCreditsResult = { credits: number; balance: bigint };

export async function adjustTenantCredits(
  ctx: PlatformContext,
  raw: AdjustTenantCreditsInput,
): Promise<AdjustTenantCreditsResult> {
  const input = parseInput(adjustTenantCreditsSchema, raw, "The credits were not changed");
  const db = await getDb();
  const actor = ledgerActor();
  let before = 0n;
  try {
    return await db.forTenant({ tenantId: input.tenantId }).$tenantTransaction(async (tx) => {
      await assertPlatformAdmin(tx, ctx);
      const tenant = await tx.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } });
      if (!tenant) throw new NotFoundError("Organisation not found");
      before = (await balanceIn(tx)).balance;
      await tx.$executeRaw`
        INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id)
        VALUES (${input.tenantId}::uuid, gen_random_uuid(), 'adjustment', ${input.credits}::bigint,
                ${actor.actorId}::uuid, ${actor.actorType}, ${input.reason}, ${actor.requestId})`;
      const balance = (await balanceIn(tx)).balance;
      const event: AuditEventInput = {
        action: "admin.credits_adjusted",
        targetType: "tenant",
        targetId: input.tenantId,
        data: { credits: input.credits, before: Number(before), after: Number(balance), reason: input.reason },
      };
      await recordAudit(tx, { ...event, tenantId: input.tenantId });
      await recordAudit(tx, { ...event, tenantId: null });
      return { credits: input.credits, balance };
    });
  } catch (err) {
    if (!isInsufficientCredits(err)) throw err;
    throw new ValidationError("The credits were not changed", {
      credits: [`That would take the balance below zero: it is ${before.toLocaleString("en")} credits`],
    });
  }
}
