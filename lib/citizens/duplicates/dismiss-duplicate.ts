// "Not a duplicate": the pair is remembered (duplicate_dismissals), its candidate row removed,
// and the finder leaves it out from then on. Idempotent: dismissing twice changes nothing more.
// Another tenant's ids are "not found" (RLS and the tenant scope never show them).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { orderPair, type PairInput } from "./schemas";

export async function dismissDuplicate(ctx: TenantContext, input: PairInput): Promise<void> {
  const [a, b] = orderPair(input.citizenAId, input.citizenBId);
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.citizen.count({ where: { id: { in: [a, b] } } });
    if (found !== 2) throw new NotFoundError("Citizen not found");
    await tx.duplicateDismissal.upsert({
      where: { tenantId_citizenAId_citizenBId: { tenantId: ctx.tenantId, citizenAId: a, citizenBId: b } },
      create: { tenantId: ctx.tenantId, citizenAId: a, citizenBId: b, dismissedById: ctx.userId },
      update: {},
    });
    await tx.duplicateCandidate.deleteMany({ where: { citizenAId: a, citizenBId: b } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.duplicate_dismissed",
      targetType: "citizen",
      targetId: a,
      data: { citizenAId: a, citizenBId: b },
    });
  });
}
