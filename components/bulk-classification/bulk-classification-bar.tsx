"use client";
// Starts a bulk classification from the cases list: the ticked cases (their checkboxes belong
// to this form through form="bulk-classify-form") or every case the current filter matches,
// as suggestions (the default) or applied directly. The run itself is a background job; its
// progress shows in the panel above the list, updated through the tenant's live events.
import { useFormatNumber } from "@/components/format/format-provider";
import { useActionState, useState } from "react";
import { startBulkClassificationAction } from "@/app/(dashboard)/[tenant]/cases/bulk-classification-actions";
import { DemoAiBadge } from "@/components/ai/demo-ai-badge";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import type { ActionResult } from "@/lib/auth/guard";
import { BULK_MAX_CASES, type BulkMode } from "@/lib/ai/features/bulk-classification/schemas";

import { BULK_FORM_ID } from "./form-id";

type Props = { tenantSlug: string; filter: string; filtered: boolean; demo?: boolean };
type State = ActionResult<{ runId: string; total: number }> | null;

export function BulkClassificationBar({ tenantSlug, filter, filtered, demo = false }: Props) {
  const count = useFormatNumber();
  const [mode, setMode] = useState<BulkMode>("suggest");
  const [state, formAction, pending] = useActionState<State, FormData>(async (_prev, form) => {
    const scope = form.get("scope") === "filter" ? "filter" : "selected";
    return startBulkClassificationAction(tenantSlug, {
      mode: form.get("mode") === "apply" ? "apply" : "suggest",
      scope,
      caseIds: scope === "selected" ? form.getAll("caseIds").map(String) : [],
      filter: scope === "filter" ? filter : "",
    });
  }, null);
  const fieldError = state && !state.ok ? Object.values(state.fieldErrors ?? {})[0]?.[0] : undefined;

  return (
    <form
      id={BULK_FORM_ID}
      action={formAction}
      aria-labelledby="bulk-classify-heading"
      className="flex flex-col gap-3 rounded-xl border border-border bg-surface p-4 text-sm shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="bulk-classify-heading" className="font-semibold text-foreground">
          Classify with AI
        </h2>
        {demo ? <DemoAiBadge /> : null}
        <span className="text-muted-foreground">
          Tick cases below, or take every case {filtered ? "matching the filter" : "in the list"} (up to{" "}
          {count(BULK_MAX_CASES)}). Runs in the background at the batch price (half the usual).
        </span>
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="sr-only">What to do with the results</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="mode"
            value="suggest"
            checked={mode === "suggest"}
            onChange={() => setMode("suggest")}
          />
          Suggest (accept or reject on each case)
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" value="apply" checked={mode === "apply"} onChange={() => setMode("apply")} />
          Apply directly (can be undone)
        </label>
      </fieldset>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" name="scope" value="selected" size="sm" disabled={pending}>
          {pending ? <SpinnerIcon className="size-4" /> : null}
          Classify selected cases
        </Button>
        <Button type="submit" name="scope" value="filter" size="sm" variant="secondary" disabled={pending}>
          Classify all {filtered ? "matching the filter" : "cases"}
        </Button>
      </div>
      <div aria-live="polite">
        {state && !state.ok ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {fieldError ?? state.message}
            {state.code === "PAYMENT_REQUIRED" && typeof state.details?.billingUrl === "string" ? (
              <>
                {" "}
                <a href={state.details.billingUrl} className="font-medium underline">
                  Buy credits or change plan
                </a>
              </>
            ) : null}
          </p>
        ) : state?.ok ? (
          <p className="text-muted-foreground">
            Started: {state.data.total} {state.data.total === 1 ? "case" : "cases"} sent for classification.
          </p>
        ) : null}
      </div>
    </form>
  );
}
