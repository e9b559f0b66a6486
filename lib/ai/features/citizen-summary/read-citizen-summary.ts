// The stored summary of a citizen, with `stale: true` when their cases changed since (a new
// case or note, a status change, an edited title): the source is loaded again and its
// fingerprint compared with the one stored. Null when there is none yet. The ids a streamed
// citation may name come along, so the panel links them while streaming.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { citedSentenceSchema } from "@/lib/ai/features/case-summary/schemas";
import type { CitedSentence } from "@/lib/ai/features/case-summary/parse-cited-summary";
import {
  citizenSummarySourceVersion,
  loadCitizenSummarySource,
  type CitizenSummaryCase,
} from "./load-citizen-summary-source";

export type CitizenSummaryView = {
  id: string;
  citizenId: string;
  text: string;
  sentences: CitedSentence[];
  model: string;
  createdAt: string;
  stale: boolean;
};

export async function readCitizenSummary(
  ctx: Pick<TenantContext, "tenantId">,
  citizenId: string,
): Promise<{
  summary: CitizenSummaryView | null;
  sourceIds: string[];
  /** Entry id → its case, so a citation of an entry links to the case it belongs to. */
  entryCase: Record<string, string>;
  cases: number;
}> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const source = await loadCitizenSummarySource(tx, citizenId);
    const entryCase: Record<string, string> = {};
    for (const c of source.cases as CitizenSummaryCase[]) for (const e of c.entries) entryCase[e.id] = c.id;
    const sourceIds = source.cases.flatMap((c) => [c.id, ...c.entries.map((e) => e.id)]);
    const row = await tx.citizenSummary.findUnique({
      where: { tenantId_citizenId: { tenantId: ctx.tenantId, citizenId } },
    });
    if (!row) return { summary: null, sourceIds, entryCase, cases: source.cases.length };
    const parsed = citedSentenceSchema.array().safeParse(row.citations);
    return {
      summary: {
        id: row.id,
        citizenId: row.citizenId,
        text: row.text,
        sentences: parsed.success ? parsed.data : [{ text: row.text, refs: [], uncited: true }],
        model: row.model,
        createdAt: row.createdAt.toISOString(),
        stale: row.sourceVersion !== citizenSummarySourceVersion(source),
      },
      sourceIds,
      entryCase,
      cases: source.cases.length,
    };
  });
}
