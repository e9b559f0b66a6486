"use client";
// The newest bulk classification run's progress: a progress bar fed by the tenant's live events
// (each event refreshes the server-rendered run, components/live/use-tenant-events.ts), the
// counts, the credits used, the cases that failed with "Retry" (which sends only those), and
// "Undo" for a run that applied its results. Failures of the run as a whole (no credits, plan)
// are said in words, with the billing link where that is what helps.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  retryClassificationRunAction,
  undoClassificationRunAction,
} from "@/app/(dashboard)/[tenant]/cases/bulk-classification-actions";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import type { ClassificationRunView } from "@/lib/ai/features/bulk-classification/read-classification-run";

type Props = {
  tenantSlug: string;
  run: ClassificationRunView;
  canUndo: boolean;
  /** The billing page, for those who may see it: a run stopped for credits points there. */
  billingHref?: string | null;
};

const STATUS_TEXT: Record<ClassificationRunView["status"], string> = {
  queued: "Waiting to be sent",
  submitted: "The AI is classifying the cases",
  completed: "Finished",
  failed: "Stopped",
  undone: "Undone",
};

const ERROR_TEXT: Record<string, string> = {
  invalid_reply: "the AI's answer did not fit",
  case_gone: "the case no longer exists",
  expired: "not answered in time",
  canceled: "cancelled",
};

export function ClassificationRunPanel({ tenantSlug, run, canUndo, billingHref = null }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const percent = run.total === 0 ? 100 : Math.round((run.done / run.total) * 100);
  const inFlight = run.status === "queued" || run.status === "submitted";
  // A run that lost its job (see readClassificationRun's `stuck`) is sent again like a failed one.
  const retryable = run.status === "completed" || run.status === "failed" || run.stuck;
  const toRetry = run.counts.errored + (run.status === "completed" ? 0 : run.counts.pending);

  function act<T>(
    action: (slug: string, input: unknown) => Promise<{ ok: true; data: T } | { ok: false; message: string }>,
    done: (data: T) => string,
  ) {
    setMessage(null);
    startTransition(async () => {
      const out = await action(tenantSlug, { runId: run.id });
      setMessage(out.ok ? done(out.data) : out.message);
      router.refresh();
    });
  }

  return (
    <section
      aria-labelledby="classification-run-heading"
      className="flex flex-col gap-3 rounded-xl border border-border bg-surface p-4 text-sm shadow-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="classification-run-heading" className="font-semibold text-foreground">
          Bulk classification: {STATUS_TEXT[run.status]}
        </h2>
        <span className="text-muted-foreground">
          {run.mode === "apply" ? "Applied directly" : "As suggestions"} · {run.total}{" "}
          {run.total === 1 ? "case" : "cases"}
          {run.batches > 1 ? ` · ${run.batches} batches` : ""}
        </span>
      </div>
      <div>
        <div
          role="progressbar"
          aria-label="Bulk classification progress"
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={run.done}
          aria-valuetext={`${run.done} of ${run.total} cases`}
          className="h-2 w-full overflow-hidden rounded-full bg-surface-muted"
        >
          <div
            className={`h-full rounded-full ${run.status === "failed" ? "bg-red-500" : "bg-brand-600"} transition-[width]`}
            style={{ width: `${percent}%` }}
          />
        </div>
        <p className="mt-1 flex items-center gap-2 text-muted-foreground" aria-live="polite">
          {inFlight ? <SpinnerIcon className="size-4" /> : null}
          {run.done} of {run.total} done
          {run.counts.applied ? ` · ${run.counts.applied} applied` : ""}
          {run.counts.succeeded ? ` · ${run.counts.succeeded} ${run.mode === "apply" ? "unchanged" : "suggested"}` : ""}
          {run.counts.undone ? ` · ${run.counts.undone} undone` : ""}
          {run.counts.errored ? ` · ${run.counts.errored} failed` : ""}
          {run.creditsUsed ? ` · ${run.creditsUsed} ${run.creditsUsed === 1 ? "credit" : "credits"} used` : ""}
        </p>
      </div>
      {run.failure ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {run.failure}
          {billingHref && /credit|plan|payment/i.test(run.failure) ? (
            <>
              {" "}
              <Link href={billingHref} className="font-medium underline">
                See plan and credits
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {run.failures.length ? (
        <details>
          <summary className="cursor-pointer text-foreground">Cases that failed ({run.counts.errored})</summary>
          <ul className="mt-2 flex flex-col gap-1">
            {run.failures.map((f) => (
              <li key={f.caseId}>
                <Link href={`/${tenantSlug}/cases/${f.caseId}`} className="underline-offset-2 hover:underline">
                  {f.title}
                </Link>{" "}
                <span className="text-muted-foreground">({ERROR_TEXT[f.errorType] ?? "the AI service failed"})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        {retryable && toRetry > 0 ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() => act(retryClassificationRunAction, () => `Retrying ${toRetry} cases`)}
          >
            {pending ? <SpinnerIcon className="size-4" /> : null}
            Retry {toRetry} failed
          </Button>
        ) : null}
        {canUndo && run.mode === "apply" && run.status === "completed" && run.counts.applied > 0 ? (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            onClick={() =>
              act(undoClassificationRunAction, ({ restored, keptChanged }) => {
                return `Undone: ${restored} cases restored${keptChanged ? `, ${keptChanged} changed since and left as they are` : ""}.`;
              })
            }
          >
            Undo this run
          </Button>
        ) : null}
        {message ? (
          <span aria-live="polite" className="text-muted-foreground">
            {message}
          </span>
        ) : null}
      </div>
    </section>
  );
}
