// The system job that releases reservations whose process died (no heartbeat for `minutes`).
// Finding them needs every tenant: a SECURITY DEFINER function lists ids only, and each is
// released through its own tenant's scoped transaction, audited as the "job" system actor.
import "server-only";
import { runAsSystem } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { releaseReservation } from "./release-reservation";

export const STALE_RESERVATION_MINUTES = 10;

export function sweepStaleReservations(
  options: { minutes?: number; limit?: number } = {},
): Promise<{ released: number }> {
  const minutes = options.minutes ?? STALE_RESERVATION_MINUTES;
  return runAsSystem("job", async () => {
    const db = await getDb();
    const stale = await db.$queryRaw<{ tenant_id: string; id: string }[]>`
      SELECT tenant_id::text, id::text FROM credit_stale_reservations(make_interval(mins => ${minutes}::int), ${options.limit ?? 500}::int)`;
    let released = 0;
    for (const r of stale) {
      const out = await releaseReservation({ tenantId: r.tenant_id }, r.id, `no heartbeat for ${minutes} minutes`);
      if (out.released) released++;
    }
    return { released };
  });
}
