// What one AI call cost, read back by the person who made it. A cancelled stream never gets
// its `done` frame (the browser closed the connection), so the panel asks here, by the
// reservation id the stream's response header carried, until the call is settled. Only the
// user who made the call sees it; another user's or another tenant's id is a 404.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { balanceIn } from "./read-credit-balance";

export type ReservationCharge = {
  /** open: the call is still running or settling; ask again shortly. */
  status: "open" | "settled" | "released";
  creditsUsed: number | null;
  balance: number;
};

export function chargeUrl(tenantSlug: string, reservationId: string): string {
  return `/api/tenants/${encodeURIComponent(tenantSlug)}/credits/charges/${reservationId}`;
}

export async function readReservationCharge(ctx: TenantContext, reservationId: unknown): Promise<ReservationCharge> {
  if (!isUuid(reservationId)) throw new NotFoundError("Charge not found");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: ReservationCharge["status"]; used: bigint | null }[]>`
      SELECT status::text AS status, credits_used AS used FROM credit_reservations
      WHERE id = ${reservationId}::uuid AND user_id = ${ctx.userId}::uuid`;
    if (!rows[0]) throw new NotFoundError("Charge not found");
    const { balance } = await balanceIn(tx);
    const { status, used } = rows[0];
    // A released hold charged nothing; a settled one what it used.
    const creditsUsed = status === "open" ? null : Number(used ?? 0n);
    return { status, creditsUsed, balance: Number(balance) };
  });
}
