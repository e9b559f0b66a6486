// A long (streamed) call says it is still alive, so the sweep leaves its reservation alone.
// Not audited: it moves no credits. Returns false once the reservation is closed.
import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { CreditContext } from "./reserve-credits";

export async function heartbeatReservation(ctx: CreditContext, reservationId: string): Promise<boolean> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string }[]>`
      UPDATE credit_reservations SET heartbeat_at = CASE WHEN status = 'open' THEN now() ELSE heartbeat_at END
      WHERE id = ${reservationId}::uuid RETURNING status::text`;
    if (!rows[0]) throw new NotFoundError("Credit reservation not found");
    return rows[0].status === "open";
  });
}
