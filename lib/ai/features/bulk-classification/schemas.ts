// The bulk classification's inputs (no server-only imports, so the cases page's form uses the
// same schema as the server). A run covers the cases a person ticked, or every case matching
// the list's current filter (sent as the list's query string and parsed with the list's own
// schema, so "the filter" means exactly what the list showed).
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const BULK_MODES = ["suggest", "apply"] as const;
export type BulkMode = (typeof BULK_MODES)[number];

/** One batch holds at most this many cases (the provider allows more; the hold must stay payable). */
export const BULK_MAX_CASES = 5_000;

export const startBulkClassificationSchema = z
  .object({
    mode: z.enum(BULK_MODES, { error: "Choose whether to suggest or to apply" }).default("suggest"),
    scope: z.enum(["selected", "filter"], { error: "Choose the selected cases or the filter" }),
    caseIds: z
      .array(z.string().uuid({ error: "Not a case id" }))
      .max(BULK_MAX_CASES, { error: `At most ${BULK_MAX_CASES.toLocaleString("en")} cases at a time` })
      .default([]),
    /** The cases list's query string (status=open&category=Roads…), for scope "filter". */
    filter: text(2_000, { tooLong: "The filter is too long" }).default(""),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.scope === "selected" && v.caseIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["caseIds"], message: "Select at least one case" });
  });
export type StartBulkClassificationInput = z.infer<typeof startBulkClassificationSchema>;

export const classificationRunIdSchema = z.object({ runId: z.string().uuid({ error: "Not a run id" }) }).strict();

/** Item states, in the order a person reads them. */
export const ITEM_STATUSES = ["pending", "submitted", "succeeded", "errored", "applied", "undone"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const RUN_STATUSES = ["queued", "submitted", "completed", "failed", "undone"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
