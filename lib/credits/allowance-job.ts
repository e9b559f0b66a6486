// The daily job that grants each tenant its plan's monthly credits (grant-monthly-allowance.ts).
// Daily, not monthly: a month whose first day the workers were down is still granted on the
// next run; tenants already granted this month cost one no-op statement each. Idempotent and
// safe with several workers: the allowance's unique (tenant, month) lets one grant per tenant and month.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { logger } from "@/lib/log/logger";
import { grantMonthlyAllowance } from "./grant-monthly-allowance";

const PAGE = 500;

/** Every tenant in id order, a page at a time (tenants is a global table). */
export async function grantAllMonthlyAllowances(at: Date = new Date()): Promise<{ granted: number; tenants: number }> {
  const db = await getDb();
  let cursor: string | undefined;
  let granted = 0;
  let tenants = 0;
  for (;;) {
    const page = await db.tenant.findMany({
      where: cursor ? { id: { gt: cursor } } : {},
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true },
    });
    for (const { id } of page) {
      tenants++;
      try {
        if ((await grantMonthlyAllowance(id, at)).granted !== null) granted++;
      } catch (err) {
        // One tenant's failure must not stop the others; the next daily run retries it.
        logger.error({ err, tenant_id: id }, "monthly allowance not granted");
      }
    }
    if (page.length < PAGE) return { granted, tenants };
    cursor = page.at(-1)!.id;
  }
}

export const monthlyAllowanceJob = defineJob({
  name: "credits.monthly-allowance",
  schema: z.object({}),
  retryLimit: 3,
  retryDelay: 60,
  backoff: true,
  cron: "10 0 * * *",
  cronData: {},
  singletonKey: () => "credits.monthly-allowance",
  async handler() {
    const result = await grantAllMonthlyAllowances();
    if (result.granted > 0) logger.info(result, "granted monthly AI credit allowances");
  },
});
