// The application's jobs. Other domains add theirs with registerJob (e.g. the credits sweep's
// cron) before the worker starts; the worker creates each queue, its dead-letter queue and its
// schedule.
import type { JobDefinition } from "./define-job";
import { stripeEventJob, stripeEventSweepJob } from "@/lib/billing/webhook/stripe-event-job";
import { monthlyAllowanceJob } from "@/lib/credits/allowance-job";
import { sweepStaleReservationsJob } from "@/lib/credits/sweep-job";
import { refreshDuplicatesJob, scheduleDuplicateRefreshJob } from "@/lib/citizens/duplicates/refresh-job";
import { purgeExpiredTokens } from "./purge-expired-tokens";
import {
  collectClassificationBatchJob,
  submitClassificationBatchJob,
} from "@/lib/ai/features/bulk-classification/jobs";
import { collectBriefingBatchJob, dailyBriefingsJob, emailBriefingJob } from "@/lib/ai/features/briefing/briefing-job";

const jobs = new Map<string, JobDefinition>();

export function registerJob(def: JobDefinition): void {
  const existing = jobs.get(def.name);
  if (existing && existing !== def) throw new Error(`job "${def.name}" is registered twice`);
  jobs.set(def.name, def);
}

export function getJob(name: string): JobDefinition | undefined {
  return jobs.get(name);
}

export function allJobs(): JobDefinition[] {
  return [...jobs.values()];
}

registerJob(purgeExpiredTokens as JobDefinition);
registerJob(sweepStaleReservationsJob as JobDefinition);
registerJob(monthlyAllowanceJob as JobDefinition);
registerJob(submitClassificationBatchJob as JobDefinition);
registerJob(collectClassificationBatchJob as JobDefinition);
registerJob(stripeEventJob as JobDefinition);
registerJob(stripeEventSweepJob as JobDefinition);
registerJob(refreshDuplicatesJob as JobDefinition);
registerJob(scheduleDuplicateRefreshJob as JobDefinition);
registerJob(dailyBriefingsJob as JobDefinition);
registerJob(collectBriefingBatchJob as JobDefinition);
registerJob(emailBriefingJob as JobDefinition);
