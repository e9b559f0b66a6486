// Whether the signed-in member gets the daily briefing by email in this tenant.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";

export async function readBriefingEmailOptIn(ctx: Pick<TenantContext, "tenantId" | "userId">): Promise<boolean> {
  if (!ctx.userId) return false;
  const db = await getDb();
  const row = await db.forTenant(ctx).briefingEmailOptIn.findUnique({
    where: { tenantId_userId: { tenantId: ctx.tenantId, userId: ctx.userId } },
  });
  return row !== null;
}
