// The cron that releases reservations whose process died mid-call (issue #9 item 3): every
// minute, reservations without a heartbeat for STALE_RESERVATION_MINUTES are refunded in full.
// Idempotent: a released reservation is no longer open, so a second run finds nothing.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { logger } from "@/lib/log/logger";
import { STALE_RESERVATION_MINUTES, sweepStaleReservations } from "./sweep-stale-reservations";

export const sweepStaleReservationsJob = defineJob({
  name: "credits.sweep-stale-reservations",
  schema: z.object({}),
  retryLimit: 2,
  retryDelay: 10,
  backoff: true,
  cron: "* * * * *",
  cronData: {},
  singletonKey: () => "credits.sweep-stale-reservations",
  async handler() {
    const { released } = await sweepStaleReservations({ minutes: STALE_RESERVATION_MINUTES });
    if (released > 0) logger.info({ released }, "released stale credit reservations");
  },
});
