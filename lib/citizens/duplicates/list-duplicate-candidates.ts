// The review queue: the highest-scoring candidate pairs whose records both still exist, with
// what a reviewer needs to tell them apart at a glance (names, city, birth year masked like the
// list) and each field's level and weight. PII stays masked here; the side-by-side review
// (read-duplicate-pair.ts) is where the chosen values are compared.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import type { FieldScores } from "./weights";

export type CandidateSide = { id: string; firstName: string; lastName: string; city: string | null };
export type DuplicateCandidateView = {
  a: CandidateSide;
  b: CandidateSide;
  score: number;
  fields: FieldScores;
  blocks: string[];
  foundAt: Date;
};

export const QUEUE_PAGE = 50;

export async function listDuplicateCandidates(
  ctx: Pick<TenantContext, "tenantId">,
  opts: { limit?: number } = {},
): Promise<{ items: DuplicateCandidateView[]; total: number }> {
  const db = await getDb();
  const limit = Math.min(Math.max(opts.limit ?? QUEUE_PAGE, 1), 200);
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const where = { citizenA: { deletedAt: null }, citizenB: { deletedAt: null } };
    const side = { select: { id: true, firstName: true, lastName: true, city: true } };
    const [rows, total] = await Promise.all([
      tx.duplicateCandidate.findMany({
        where,
        orderBy: [{ score: "desc" }, { citizenAId: "asc" }, { citizenBId: "asc" }],
        take: limit,
        include: { citizenA: side, citizenB: side },
      }),
      tx.duplicateCandidate.count({ where }),
    ]);
    return {
      total,
      items: rows.map((r) => ({
        a: r.citizenA,
        b: r.citizenB,
        score: r.score,
        fields: r.fields as FieldScores,
        blocks: r.blocks,
        foundAt: r.foundAt,
      })),
    };
  });
}
