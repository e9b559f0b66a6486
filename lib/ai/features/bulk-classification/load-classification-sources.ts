// The classification prompt's sources for many cases in two queries (the cases, then their
// latest notes ranked per case), instead of loadClassificationSource's two queries per case.
// The same fields as the one-at-a-time path: the case's own text and notes, never a citizen's.
// Cases that are gone (deleted, or their citizen soft-deleted) are simply absent from the map.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import {
  CLASSIFICATION_NOTES,
  type ClassificationSource,
} from "@/lib/ai/features/case-classification/build-classification-prompt";

export async function loadClassificationSources(
  ctx: Pick<TenantContext, "tenantId">,
  caseIds: string[],
): Promise<Map<string, ClassificationSource>> {
  const out = new Map<string, ClassificationSource>();
  if (caseIds.length === 0) return out;
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const cases = await tx.case.findMany({
      where: { id: { in: caseIds }, citizen: { deletedAt: null } },
      select: { id: true, title: true, description: true, category: true, priority: true, version: true },
    });
    const notes = await tx.$queryRaw<{ id: string; case_id: string; body: string; created_at: Date }[]>`
      SELECT id::text, case_id::text, body, created_at FROM (
        SELECT e.id, e.case_id, e.body, e.created_at,
               row_number() OVER (PARTITION BY e.case_id ORDER BY e.created_at DESC, e.id DESC) AS n
          FROM case_events e
         WHERE e.kind = 'NOTE' AND e.case_id = ANY(${cases.map((c) => c.id)}::uuid[])) ranked
       WHERE n <= ${CLASSIFICATION_NOTES}
       ORDER BY case_id, created_at ASC, id ASC`;
    for (const c of cases)
      out.set(c.id, {
        caseId: c.id,
        title: c.title,
        description: c.description,
        category: c.category,
        priority: c.priority,
        version: c.version,
        notes: [],
      });
    for (const n of notes)
      out.get(n.case_id)?.notes.push({ id: n.id, body: n.body, createdAt: n.created_at.toISOString() });
    return out;
  });
}
