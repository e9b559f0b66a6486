"use client";

import { useFormat } from "@/components/format/format-provider";
import { formatDateTime } from "@/lib/format/format";
// A streamed, cited AI summary panel (the case page's and the citizen page's): generate
// (streamed), cancel, retry, the stored summary with its date and an "Out of date" badge,
// credits used, and the 402 / not-configured states. It is a suggestion with links to its
// sources, never a record: labelled as such. Each page says where a ref links (refLink).
import { DemoAiBadge } from "@/components/ai/demo-ai-badge";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useAiStream } from "@/components/ai/use-ai-stream";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { parseCitedSummary, type CitedSentence } from "@/lib/ai/features/case-summary/parse-cited-summary";
import { CitedSentences, numberRefs, type RefLink } from "./cited-sentences";
import { AiErrorAlert } from "@/components/ai/ai-error-alert";

export type StoredSummary = { sentences: CitedSentence[]; createdAt: string; stale: boolean };

export type CitedSummaryPanelProps = {
  /** The streaming route (POST, JSON `{}`). */
  url: string;
  headingId: string;
  title: string;
  description: string;
  /** What the panel says while the first words are on their way. */
  readingText: string;
  initialSummary: StoredSummary | null;
  /** The ids a streamed citation may name: the server validates again when it stores the
   * summary; this only decides what is linked while streaming. */
  sourceIds: string[];
  refLink?: RefLink;
  /** Running on the offline demo model: its answers are badged as such. */
  demo?: boolean;
};

export function CitedSummaryPanel(props: CitedSummaryPanelProps) {
  const format = useFormat();
  const { url, headingId, initialSummary, sourceIds, refLink, demo = false } = props;
  const { state, start, cancel, retry } = useAiStream();
  const router = useRouter();
  const streaming = state.status === "streaming";
  // Which stored summary was on screen when the run began: a finished run keeps showing its own
  // text until the refreshed page brings the newly stored one.
  const [storedAtStart, setStoredAtStart] = useState<string | null>(null);
  const showRun =
    state.status !== "idle" &&
    !(state.status === "done" && initialSummary && initialSummary.createdAt !== storedAtStart);
  const generate = () => {
    setStoredAtStart(initialSummary?.createdAt ?? null);
    start(url);
  };

  // A finished run was stored by the server: reload the page's data to show the stored version.
  const refreshed = useRef(0);
  useEffect(() => {
    if (state.status === "done" && refreshed.current !== state.run) {
      refreshed.current = state.run;
      router.refresh();
    }
  }, [state.status, state.run, router]);

  const live = useMemo(
    () => parseCitedSummary(state.text, sourceIds, { complete: !streaming }),
    [state.text, sourceIds, streaming],
  );
  const sentences = showRun || !initialSummary ? live.sentences : initialSummary.sentences;
  const refNumbers = useMemo(() => numberRefs(sentences), [sentences]);

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader>
        <CardTitle id={headingId} className="flex flex-wrap items-center gap-2">
          {props.title}
          {demo ? <DemoAiBadge /> : null}
        </CardTitle>
        <CardDescription>{props.description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {!showRun && initialSummary ? (
          <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <span>Generated {formatDateTime(new Date(initialSummary.createdAt), format)}</span>
            {initialSummary.stale ? (
              <span className="rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-900 dark:bg-amber-400/15 dark:text-amber-200">
                Out of date — regenerate
              </span>
            ) : null}
          </p>
        ) : null}

        <div aria-live="polite" aria-busy={streaming} className="text-sm leading-relaxed text-foreground">
          {sentences.length > 0 ? (
            <p>
              <CitedSentences sentences={sentences} refNumbers={refNumbers} refLink={refLink} />
              {streaming ? (
                <span
                  aria-hidden="true"
                  className="ml-0.5 inline-block h-4 w-1.5 animate-pulse rounded-sm bg-brand-500 align-middle"
                />
              ) : null}
            </p>
          ) : streaming ? (
            <p className="text-muted-foreground">{props.readingText}</p>
          ) : !initialSummary ? (
            <p className="text-muted-foreground">No summary yet.</p>
          ) : null}
        </div>

        {state.status === "cancelled" ? (
          <p className="text-sm text-muted-foreground">Cancelled. Nothing was saved.</p>
        ) : null}

        {state.status === "error" && state.error ? <AiErrorAlert error={state.error} /> : null}

        {state.creditsUsed !== null && state.status !== "streaming" ? (
          <p className="text-xs text-muted-foreground">
            {state.creditsUsed} {state.creditsUsed === 1 ? "credit" : "credits"} used
            {state.balance !== null ? ` · ${state.balance} left` : ""}
          </p>
        ) : null}

        <div className="flex flex-wrap gap-2">
          {streaming ? (
            <Button variant="secondary" size="sm" onClick={cancel}>
              Cancel
            </Button>
          ) : state.status === "error" && state.error?.code !== "AI_NOT_CONFIGURED" ? (
            <Button size="sm" onClick={retry}>
              Retry
            </Button>
          ) : (
            <Button size="sm" onClick={generate} disabled={state.error?.code === "AI_NOT_CONFIGURED"}>
              {initialSummary ? "Regenerate" : "Summarise"}
            </Button>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
