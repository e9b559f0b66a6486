// Flags new (or just edited) citizens' possible duplicates at once, without waiting for the
// nightly refresh: the finder for that set of records (index look-ups per record, see
// blocking-sql.ts), its pairs upserted into the review queue. The one path for "flag at create
// and import time": the dashboard's create action calls it with the new citizen, an import's
// commit with the citizens it added. Idempotent.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import type { TenantDb } from "@/lib/db/tenant-extension";
import { duplicateCandidatesSql } from "./candidates-sql";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

/** Inside a tenant transaction: upserts the candidate pairs of `citizenIds`; returns how many. */
export async function flagDuplicatesIn(tx: Tx, tenantId: string, citizenIds: string[]): Promise<number> {
  if (citizenIds.length === 0) return 0;
  return tx.$executeRaw`
    INSERT INTO duplicate_candidates (id, tenant_id, citizen_a_id, citizen_b_id, score, fields, blocks)
    SELECT gen_random_uuid(), ${tenantId}::uuid, s.a, s.b, s.score, s.fields, s.blocks
      FROM (${duplicateCandidatesSql(tenantId, { kind: "citizens", ids: citizenIds })}) s
    ON CONFLICT (tenant_id, citizen_a_id, citizen_b_id)
    DO UPDATE SET score = excluded.score, fields = excluded.fields, blocks = excluded.blocks, found_at = now()`;
}

export async function flagDuplicatesOf(ctx: TenantContext, citizenId: string): Promise<{ found: number }> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await flagDuplicatesIn(tx, ctx.tenantId, [citizenId]);
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
