// Gives a whole reservation back (the call was never made, or its process died: the sweep).
// Releasing a closed reservation does nothing and returns false.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { CreditContext } from "./reserve-credits";
import { ledgerActor } from "./shared";

export async function releaseReservation(
  ctx: CreditContext,
  reservationId: string,
  reason = "released",
): Promise<{ released: boolean; credits: bigint }> {
  const db = await getDb();
  const actor = ledgerActor();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ credits: bigint }[]>`
      WITH r AS (
        UPDATE credit_reservations SET status = 'released', closed_at = now(), credits_used = 0
        WHERE id = ${reservationId}::uuid AND status = 'open' RETURNING tenant_id, id, credits),
      l AS (
        INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id, reservation_id)
        SELECT tenant_id, gen_random_uuid(), 'refund', credits, ${actor.actorId}::uuid, ${actor.actorType}, ${reason},
               ${actor.requestId}, id FROM r RETURNING 1)
      SELECT credits FROM r`;
    if (!rows[0]) {
      const exists = await tx.$queryRaw<unknown[]>`SELECT 1 FROM credit_reservations WHERE id = ${reservationId}::uuid`;
      if (!exists[0]) throw new NotFoundError("Credit reservation not found");
      return { released: false, credits: 0n };
    }
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "credits.released",
      targetType: "credit_reservation",
      targetId: reservationId,
      data: { credits: Number(rows[0].credits), reason },
    });
    return { released: true, credits: rows[0].credits };
  });
}
