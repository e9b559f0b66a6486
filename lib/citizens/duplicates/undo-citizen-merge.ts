// Undoes a merge within UNDO_WINDOW_DAYS: both citizen rows are written back exactly as they
// were (every column, from the snapshots), the moved cases go back, the removed candidate row
// returns. Refused (409) when undone already, too old, or when either record changed since
// the merge (its version moved on): writing the old row back would silently lose that change.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { publishTenantEvent } from "@/lib/events/publish";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation/uuid";
import { UNDO_WINDOW_DAYS } from "./schemas";

type Tx = { $executeRaw: (q: Prisma.Sql) => Promise<number> };

/** UPDATE … SET (every column) = the snapshot's values, typed by the table's own row type. */
async function restoreRow(tx: Tx, table: "citizens", tenantId: string, snapshot: Record<string, unknown>) {
  // The keys are the table's column names as to_jsonb wrote them; checked before they are quoted.
  const cols = Object.keys(snapshot).filter((c) => c !== "id" && c !== "tenant_id");
  if (cols.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c))) throw new Error("unexpected column in a merge snapshot");
  const list = Prisma.raw(cols.map((c) => `"${c}"`).join(", "));
  const values = Prisma.raw(cols.map((c) => `r."${c}"`).join(", "));
  const n = await tx.$executeRaw(Prisma.sql`
    UPDATE ${Prisma.raw(table)} t SET (${list}) = (SELECT ${values} FROM jsonb_populate_record(NULL::${Prisma.raw(table)}, ${JSON.stringify(snapshot)}::jsonb) r)
     WHERE t.tenant_id = ${tenantId}::uuid AND t.id = ${snapshot.id as string}::uuid`);
  if (n !== 1) throw new NotFoundError("Citizen not found");
}

export async function undoCitizenMerge(ctx: TenantContext, input: { mergeId: string }): Promise<void> {
  if (!isUuid(input.mergeId)) throw new NotFoundError("Merge not found");
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const t = ctx.tenantId;
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM citizen_merges WHERE tenant_id = ${t}::uuid AND id = ${input.mergeId}::uuid FOR UPDATE`;
    if (!row) throw new NotFoundError("Merge not found");
    const merge = await tx.citizenMerge.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t, id: row.id } } });
    if (merge.undoneAt) throw new ConflictError("This merge has already been undone");
    if (Date.now() - merge.createdAt.getTime() > UNDO_WINDOW_DAYS * 86_400_000)
      throw new ConflictError(`A merge can be undone for ${UNDO_WINDOW_DAYS} days; this one is older`);
    const now = await tx.$queryRaw<Array<{ id: string; version: number; deleted: boolean }>>`
      SELECT id, version, deleted_at IS NOT NULL AS deleted FROM citizens
       WHERE tenant_id = ${t}::uuid AND id IN (${merge.keptId}::uuid, ${merge.mergedId}::uuid) ORDER BY id FOR UPDATE`;
    const kept = now.find((c) => c.id === merge.keptId);
    const merged = now.find((c) => c.id === merge.mergedId);
    if (!kept || !merged) throw new NotFoundError("Citizen not found");
    if (kept.version !== merge.keptAfterVersion || merged.version !== merge.mergedAfterVersion || !merged.deleted)
      throw new ConflictError(
        "One of the two records changed after the merge, so it cannot be put back exactly. Edit it by hand instead.",
      );
    await restoreRow(tx, "citizens", t, merge.keptBefore as Record<string, unknown>);
    await restoreRow(tx, "citizens", t, merge.mergedBefore as Record<string, unknown>);
    if (merge.movedCaseIds.length > 0)
      await tx.$executeRaw`UPDATE cases SET citizen_id = ${merge.mergedId}::uuid
        WHERE tenant_id = ${t}::uuid AND id = ANY(${merge.movedCaseIds}::uuid[]) AND citizen_id = ${merge.keptId}::uuid`;
    if (merge.candidateBefore)
      await tx.$executeRaw`INSERT INTO duplicate_candidates
        SELECT * FROM jsonb_populate_record(NULL::duplicate_candidates, ${JSON.stringify(merge.candidateBefore)}::jsonb)
        ON CONFLICT DO NOTHING`;
    await tx.citizenMerge.update({
      where: { tenantId_id: { tenantId: t, id: merge.id } },
      data: { undoneAt: new Date(), undoneById: ctx.userId },
    });
    await recordAudit(tx, {
      tenantId: t,
      action: "citizen.merge_undone",
      targetType: "citizen",
      targetId: merge.keptId,
      data: { mergeId: merge.id, keptId: merge.keptId, mergedId: merge.mergedId },
    });
    await publishTenantEvent(tx, t, { type: "citizen.updated", ids: [merge.keptId] });
    await publishTenantEvent(tx, t, { type: "citizen.restored", ids: [merge.mergedId] });
  });
}
