// Built-in job: deletes email tokens (verification, password reset) and rate-limit counters
// that expired more than a day ago. Idempotent by nature: it deletes what is expired, so a
// second run finds nothing to do.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { defineJob } from "./define-job";

export const purgeExpiredTokens = defineJob({
  name: "auth.purge-expired-tokens",
  schema: z.object({
    olderThanHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .default(24),
  }),
  retryLimit: 3,
  retryDelay: 30,
  backoff: true,
  cron: "17 3 * * *",
  cronData: { olderThanHours: 24 },
  singletonKey: () => "auth.purge-expired-tokens",
  async handler({ olderThanHours }) {
    const cutoff = new Date(Date.now() - olderThanHours * 3_600_000);
    const db = await getDb();
    const tokens = await db.authToken.deleteMany({ where: { expiresAt: { lt: cutoff } } });
    const buckets = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: cutoff } } });
    logger.info({ tokens: tokens.count, buckets: buckets.count }, "purged expired tokens");
  },
});
