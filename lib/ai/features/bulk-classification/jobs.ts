// The job definitions (registered in lib/jobs/catalog.ts). Both handlers are idempotent (see
// their files); a submit that keeps failing lands in the dead-letter queue with the run still
// "queued", which "Retry" on the cases page enqueues again.
import { defineJob } from "@/lib/jobs/define-job";
import { collectClassificationBatch } from "./collect-classification-batch";
import { COLLECT_JOB, collectJobSchema, SUBMIT_JOB, submitJobSchema } from "./job-names";
import { submitClassificationBatch } from "./submit-classification-batch";

export const submitClassificationBatchJob = defineJob({
  name: SUBMIT_JOB,
  schema: submitJobSchema,
  retryLimit: 3,
  retryDelay: 5,
  backoff: true,
  handler: (data) => submitClassificationBatch(data),
});

export const collectClassificationBatchJob = defineJob({
  name: COLLECT_JOB,
  schema: collectJobSchema,
  retryLimit: 5,
  retryDelay: 10,
  backoff: true,
  handler: (data) => collectClassificationBatch(data),
});
