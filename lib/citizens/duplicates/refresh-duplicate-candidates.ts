// Replaces a tenant's duplicate candidates with what the finder (candidates-sql.ts) sees now:
// called by the nightly job (refresh-job.ts) and by the review page's "Find duplicates" button.
// One transaction: readers see the old list or the new one, never half of each. Idempotent (it
// states the end result), so a retried job is harmless. A transaction-scoped advisory lock per
// tenant makes a second refresh wait for the first instead of colliding on the keys.
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { duplicateCandidatesSql } from "./candidates-sql";

/** A refresh of a million citizens takes seconds; Prisma's default of 5 s is too tight. */
const REFRESH_TIMEOUT_MS = 120_000;

export type RefreshResult = { found: number; milliseconds: number };

export async function refreshDuplicateCandidates(ctx: Pick<TenantContext, "tenantId">): Promise<RefreshResult> {
  const db = await getDb();
  const started = Date.now();
  return db.forTenant(ctx).$tenantTransaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('duplicates:' || ${ctx.tenantId}, 0))`;
      // The blocking keys of a large tenant are grouped in memory rather than spilled to disk.
      await tx.$executeRaw`SELECT set_config('work_mem', '128MB', true)`;
      await tx.$executeRaw`DELETE FROM duplicate_candidates WHERE tenant_id = ${ctx.tenantId}::uuid`;
      const found = await tx.$executeRaw`
        INSERT INTO duplicate_candidates (id, tenant_id, citizen_a_id, citizen_b_id, score, fields, blocks)
        SELECT gen_random_uuid(), ${ctx.tenantId}::uuid, s.a, s.b, s.score, s.fields, s.blocks FROM (${duplicateCandidatesSql(ctx.tenantId, { kind: "tenant" })}) s`;
      const milliseconds = Date.now() - started;
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "citizen.duplicates_refreshed",
        targetType: "tenant",
        targetId: ctx.tenantId,
        data: { found, milliseconds },
      });
      return { found, milliseconds };
    },
    { timeout: REFRESH_TIMEOUT_MS },
  );
}
