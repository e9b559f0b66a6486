// The nightly duplicate search: one job per tenant (so one large tenant's refresh neither
// delays nor fails the others), fanned out by a cron job that names the tenants. Payloads carry
// ids only. Idempotent: a refresh states the end result.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getBoss } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define-job";
import { logger } from "@/lib/log/logger";
import { refreshDuplicateCandidates } from "./refresh-duplicate-candidates";

export const REFRESH_DUPLICATES_JOB = "citizens.refresh-duplicates";

export const refreshDuplicatesJob = defineJob({
  name: REFRESH_DUPLICATES_JOB,
  schema: z.object({ tenantId: z.uuid() }),
  retryLimit: 2,
  retryDelay: 60,
  backoff: true,
  singletonKey: ({ tenantId }) => `${REFRESH_DUPLICATES_JOB}:${tenantId}`,
  async handler({ tenantId }) {
    // The worker runs every handler in runAsSystem("job"): the audit event names the system.
    const result = await refreshDuplicateCandidates({ tenantId });
    logger.info({ tenant_id: tenantId, ...result }, "refreshed duplicate candidates");
  },
});

export const scheduleDuplicateRefreshJob = defineJob({
  name: "citizens.schedule-duplicate-refresh",
  schema: z.object({}),
  retryLimit: 2,
  retryDelay: 60,
  backoff: true,
  cron: "41 2 * * *",
  cronData: {},
  singletonKey: () => "citizens.schedule-duplicate-refresh",
  async handler() {
    // Sent with pg-boss directly: lib/jobs/enqueue reads the catalog, which imports this file.
    // The payload is this file's own schema, so it needs no second validation.
    const boss = await getBoss();
    const db = await getDb();
    const tenants = await db.tenant.findMany({ select: { id: true } });
    for (const t of tenants)
      await boss.send(
        REFRESH_DUPLICATES_JOB,
        { tenantId: t.id },
        { singletonKey: `${REFRESH_DUPLICATES_JOB}:${t.id}` },
      );
    logger.info({ tenants: tenants.length }, "scheduled duplicate refreshes");
  },
});
