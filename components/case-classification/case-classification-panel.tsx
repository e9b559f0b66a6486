"use client";
// AI classification of the case: suggested category and priority as chips the person accepts or
// rejects, the sentiment and the model's one-line reason. Accepting is the normal audited case
// update (updateCaseAction), shown at once (useOptimistic) and rolled back with a toast when the
// server refuses; rejecting only dismisses the chip. Loading, error with retry, 402 with the
// billing link and not-configured states; the credits used are shown after each call.
import { useOptimistic, useState, useTransition } from "react";
import { updateCaseAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { aiErrorFromBody, type AiStreamError } from "@/components/ai/ai-stream-reducer";
import { DemoAiBadge } from "@/components/ai/demo-ai-badge";
import { useCaseState } from "@/components/cases/case-state";
import { useFailureToast } from "@/components/cases/use-failure-toast";
import { casePriorityLabel } from "@/components/dashboard/case-labels";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SpinnerIcon } from "@/components/ui/icons";
import type { ClassifyCaseResult } from "@/lib/ai/features/case-classification/classify-case";
import type { CaseClassification } from "@/lib/ai/features/case-classification/schemas";
import type { CaseSnapshot } from "@/lib/cases/snapshot";
import { AiErrorAlert } from "@/components/ai/ai-error-alert";

type Props = {
  tenantSlug: string;
  caseId: string;
  demo?: boolean;
  /** A suggestion a bulk classification run left for this case (already paid for), shown at once. */
  stored?: CaseClassification | null;
};
type Field = "category" | "priority";
/** "unchanged": the suggestion is what the case already has. */
type Chip = "open" | "accepted" | "rejected" | "unchanged";

const SENTIMENT_LABEL = { positive: "Positive", neutral: "Neutral", negative: "Negative" } as const;

/** The update form's payload from the newest snapshot, with one field changed. */
function updatePayload(c: CaseSnapshot, change: Partial<Pick<CaseSnapshot, Field>>) {
  const next = { ...c, ...change };
  return {
    id: next.id,
    version: next.version,
    title: next.title,
    description: next.description,
    category: next.category ?? "",
    priority: next.priority,
    assigneeId: next.assigneeId ?? "",
    dueAt: next.dueAt ?? "",
  };
}

/** The chips' first state: a suggestion equal to what the case has is "already set". */
function chipsFor(s: CaseClassification, c: Pick<CaseSnapshot, Field>): Record<Field, Chip> {
  return {
    category: s.category === null || s.category === c.category ? "unchanged" : "open",
    priority: s.priority === c.priority ? "unchanged" : "open",
  };
}

export function CaseClassificationPanel({ tenantSlug, caseId, demo = false, stored = null }: Props) {
  const { current, accept } = useCaseState();
  const reportFailure = useFailureToast();
  const [result, setResult] = useState<ClassifyCaseResult | null>(() =>
    stored
      ? {
          caseId,
          suggestion: stored,
          current: { category: current.category, priority: current.priority, version: current.version },
          model: "",
          creditsUsed: 0,
          balance: 0,
        }
      : null,
  );
  const [fromBulk, setFromBulk] = useState(stored !== null);
  const [error, setError] = useState<AiStreamError | null>(null);
  const [loading, setLoading] = useState(false);
  const [chips, setChips] = useState<Record<Field, Chip>>(() =>
    stored ? chipsFor(stored, current) : { category: "open", priority: "open" },
  );
  const [optimisticChips, setOptimisticChip] = useOptimistic(chips, (state, [field, value]: [Field, Chip]) => ({
    ...state,
    [field]: value,
  }));
  const [saving, startTransition] = useTransition();
  const url = `/api/tenants/${encodeURIComponent(tenantSlug)}/cases/${encodeURIComponent(caseId)}/classification`;

  async function suggest() {
    setLoading(true);
    setError(null);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: "{}",
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        setError(aiErrorFromBody(response.status, body));
        return;
      }
      const classification = (body as { classification: ClassifyCaseResult }).classification;
      setResult(classification);
      setFromBulk(false);
      setChips(chipsFor(classification.suggestion, current));
    } catch (err) {
      setError({
        code: "NETWORK_ERROR",
        message: err instanceof Error ? `Network error: ${err.message}` : "Network error",
      });
    } finally {
      setLoading(false);
    }
  }

  function acceptField(field: Field) {
    if (!result) return;
    const value = field === "category" ? result.suggestion.category : result.suggestion.priority;
    if (value === null) return;
    startTransition(async () => {
      setOptimisticChip([field, "accepted"]);
      const outcome = await updateCaseAction(tenantSlug, updatePayload(current, { [field]: value }));
      if (outcome.ok) {
        startTransition(() => {
          accept(outcome.data);
          setChips((c) => ({ ...c, [field]: "accepted" }));
        });
      } else reportFailure(outcome, `Could not set the ${field}`);
    });
  }

  const s = result?.suggestion;

  return (
    <Card aria-labelledby="case-classification-heading">
      <CardHeader>
        <CardTitle id="case-classification-heading" className="flex flex-wrap items-center gap-2">
          AI classification
          {demo ? <DemoAiBadge /> : null}
        </CardTitle>
        <CardDescription>Suggestions only: nothing changes on the case until you accept a suggestion.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div aria-live="polite" aria-busy={loading || saving} className="flex flex-col gap-3 text-sm">
          {loading ? (
            <p className="flex items-center gap-2 text-muted-foreground">
              <SpinnerIcon className="size-4" /> Reading the case…
            </p>
          ) : null}
          {s && !loading ? (
            <>
              <ul className="flex flex-col gap-2" aria-label="Suggestions">
                {s.category !== null ? (
                  <SuggestionChip
                    label="Category"
                    value={s.category}
                    state={optimisticChips.category}
                    disabled={saving}
                    onAccept={() => acceptField("category")}
                    onReject={() => setChips((c) => ({ ...c, category: "rejected" }))}
                  />
                ) : null}
                <SuggestionChip
                  label="Priority"
                  value={casePriorityLabel[s.priority]}
                  state={optimisticChips.priority}
                  disabled={saving}
                  onAccept={() => acceptField("priority")}
                  onReject={() => setChips((c) => ({ ...c, priority: "rejected" }))}
                />
              </ul>
              <p>
                <span className="text-muted-foreground">Sentiment: </span>
                {SENTIMENT_LABEL[s.sentiment]}
              </p>
              <p className="text-muted-foreground">
                <span className="sr-only">Reason: </span>
                {s.reason}
              </p>
            </>
          ) : null}
        </div>

        {error ? <AiErrorAlert error={error} /> : null}

        {result && !loading && fromBulk ? (
          <p className="text-xs text-muted-foreground">From a bulk classification run.</p>
        ) : result && !loading ? (
          <p className="text-xs text-muted-foreground">
            {result.creditsUsed} {result.creditsUsed === 1 ? "credit" : "credits"} used · {result.balance} left
          </p>
        ) : null}

        <div>
          <Button
            size="sm"
            variant={result ? "secondary" : "primary"}
            onClick={() => void suggest()}
            disabled={loading || error?.code === "AI_NOT_CONFIGURED"}
          >
            {loading ? <SpinnerIcon className="size-4" /> : null}
            {error && error.code !== "AI_NOT_CONFIGURED"
              ? "Retry"
              : result
                ? "Suggest again"
                : "Suggest classification"}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

function SuggestionChip(props: {
  label: string;
  value: string;
  state: Chip;
  disabled: boolean;
  onAccept: () => void;
  onReject: () => void;
}) {
  const { label, value, state } = props;
  return (
    <li
      className="flex flex-wrap items-center gap-2 rounded-full border border-border bg-surface-muted px-3 py-1"
      aria-label={`${label} suggestion: ${value}`}
    >
      <span>
        <span className="text-muted-foreground">{label}: </span>
        <span className={state === "rejected" ? "text-muted-foreground line-through" : "font-medium"}>{value}</span>
      </span>
      {state === "open" ? (
        <span className="flex gap-1">
          <Button size="sm" variant="primary" disabled={props.disabled} onClick={props.onAccept}>
            Accept {label.toLowerCase()}
          </Button>
          <Button size="sm" variant="ghost" disabled={props.disabled} onClick={props.onReject}>
            Reject
          </Button>
        </span>
      ) : (
        <span className="text-xs text-muted-foreground">
          {state === "accepted" ? "Applied" : state === "unchanged" ? "Already set" : "Rejected"}
        </span>
      )}
    </li>
  );
}
