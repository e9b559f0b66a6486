// The side-by-side review of two records: both citizens as the record page shows them (PII
// masked), how many cases each has, and the pair's score if the finder proposed it. A malformed
// id, another tenant's id or a deleted record is "not found".
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { getCitizen } from "@/lib/citizens/read";
import type { CitizenView } from "@/lib/citizens/types";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { orderPair } from "./schemas";
import type { FieldScores } from "./weights";

export type DuplicatePair = {
  a: CitizenView & { cases: number };
  b: CitizenView & { cases: number };
  candidate: { score: number; fields: FieldScores; blocks: string[] } | null;
};

export async function readDuplicatePair(
  ctx: Pick<TenantContext, "tenantId">,
  input: { a: string; b: string },
): Promise<DuplicatePair> {
  if (!isUuid(input.a) || !isUuid(input.b) || input.a === input.b) throw new NotFoundError("Citizen not found");
  const [x, y] = orderPair(input.a, input.b);
  const db = await getDb();
  const [a, b, counts, candidate] = await Promise.all([
    getCitizen(ctx, x),
    getCitizen(ctx, y),
    db.forTenant(ctx).case.groupBy({ by: ["citizenId"], where: { citizenId: { in: [x, y] } }, _count: true }),
    db.forTenant(ctx).duplicateCandidate.findFirst({ where: { citizenAId: x, citizenBId: y } }),
  ]);
  const cases = (id: string) => counts.find((c) => c.citizenId === id)?._count ?? 0;
  return {
    a: { ...a, cases: cases(x) },
    b: { ...b, cases: cases(y) },
    candidate: candidate
      ? { score: candidate.score, fields: candidate.fields as FieldScores, blocks: candidate.blocks }
      : null,
  };
}
