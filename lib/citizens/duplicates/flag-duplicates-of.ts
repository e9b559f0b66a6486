// Flags a new (or just edited) citizen's possible duplicates at once, without waiting for the
// nightly refresh: the finder for that one record (index look-ups, see candidates-sql.ts), its
// pairs upserted into the queue. Called after createCitizen by the dashboard action; idempotent.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { duplicateCandidatesSql } from "./candidates-sql";

export async function flagDuplicatesOf(ctx: TenantContext, citizenId: string): Promise<{ found: number }> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.$executeRaw`
      INSERT INTO duplicate_candidates (id, tenant_id, citizen_a_id, citizen_b_id, score, fields, blocks)
      SELECT gen_random_uuid(), ${ctx.tenantId}::uuid, s.a, s.b, s.score, s.fields, s.blocks
        FROM (${duplicateCandidatesSql(ctx.tenantId, { citizenId })}) s
      ON CONFLICT (tenant_id, citizen_a_id, citizen_b_id)
      DO UPDATE SET score = excluded.score, fields = excluded.fields, blocks = excluded.blocks, found_at = now()`;
    if (found > 0)
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "citizen.duplicates_flagged",
        targetType: "citizen",
        targetId: citizenId,
        data: { found },
      });
    return { found };
  });
}

/** The candidate pairs a citizen is part of (for the record page's notice). */
export async function candidatesOf(ctx: Pick<TenantContext, "tenantId">, citizenId: string) {
  const db = await getDb();
  return db.forTenant(ctx).duplicateCandidate.findMany({
    where: {
      OR: [{ citizenAId: citizenId }, { citizenBId: citizenId }],
      citizenA: { deletedAt: null },
      citizenB: { deletedAt: null },
    },
    orderBy: { score: "desc" },
    take: 5,
    select: { citizenAId: true, citizenBId: true, score: true },
  });
}
