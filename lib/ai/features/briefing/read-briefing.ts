// A tenant's briefing for one local day, as the dashboard shows it (null when there is none).
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import type { BriefingNumbers } from "./schemas";

export type BriefingView = {
  id: string;
  day: string;
  status: "generating" | "ready";
  /** Waiting on a Message Batch (the tenant allowed the delay): it may take hours, not seconds. */
  batched: boolean;
  numbers: BriefingNumbers | null;
  sentences: string[];
  model: string | null;
  completedAt: string | null;
};

export async function readBriefing(ctx: Pick<TenantContext, "tenantId">, day: string): Promise<BriefingView | null> {
  const db = await getDb();
  const row = await db.forTenant(ctx).briefing.findUnique({
    where: { tenantId_day: { tenantId: ctx.tenantId, day: new Date(`${day}T00:00:00Z`) } },
  });
  if (!row) return null;
  const ready = row.status === "ready";
  return {
    id: row.id,
    day,
    status: ready ? "ready" : "generating",
    batched: !ready && row.batchId !== null,
    numbers: ready ? (row.numbers as BriefingNumbers) : null,
    sentences: ready && row.text ? row.text.split("\n") : [],
    model: row.model,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
