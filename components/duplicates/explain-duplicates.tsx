"use client";
// "Rank and explain with AI": the model orders the top pairs and says why, from the agreement
// flags only. Shown as a suggestion beside the queue; each line links to the review, where a
// person merges or dismisses.
import Link from "next/link";
import { useState, useTransition } from "react";
import { explainDuplicatesAction } from "@/app/(dashboard)/[tenant]/citizens/duplicates/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import type { DuplicateExplanation } from "@/lib/ai/features/duplicates/schemas";

type Names = Record<string, string>;

export function ExplainDuplicates({ slug, names }: { slug: string; names: Names }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ items: DuplicateExplanation[]; credits: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    if (pending) return;
    start(async () => {
      const r = await explainDuplicatesAction(slug, {});
      if (r.ok) {
        setError(null);
        setResult({ items: r.data.explanations, credits: r.data.creditsUsed });
      } else setError(r.message);
    });
  };
  return (
    <section aria-labelledby="ai-ranking" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="ai-ranking" className="font-medium text-foreground">
          AI ranking of the top pairs
        </h2>
        <Button variant="secondary" size="sm" onClick={run} aria-disabled={pending}>
          {pending ? <SpinnerIcon className="size-4 animate-spin" aria-hidden /> : null}
          {pending ? "Asking…" : "Rank and explain with AI"}
        </Button>
      </div>
      <p className="text-sm text-muted-foreground">
        The AI sees names, cities and whether each other field agrees, never the values. It suggests an order; you
        decide on each pair.
      </p>
      <div aria-live="polite">
        {error ? <p className="text-sm text-red-700 dark:text-red-300">{error}</p> : null}
        {result ? (
          <>
            <ol className="flex flex-col gap-2">
              {result.items.map((e) => (
                <li key={`${e.citizenAId}-${e.citizenBId}`} className="text-sm text-foreground">
                  <span className="font-medium">{e.rank}.</span>{" "}
                  <Link
                    className="underline"
                    href={`/${slug}/citizens/duplicates/review?a=${e.citizenAId}&b=${e.citizenBId}`}
                  >
                    {names[e.citizenAId]} and {names[e.citizenBId]}
                  </Link>{" "}
                  <Badge tone={e.likelihood === "likely" ? "green" : e.likelihood === "possible" ? "amber" : "neutral"}>
                    {e.likelihood}
                  </Badge>{" "}
                  <span className="text-muted-foreground">{e.explanation}</span>
                </li>
              ))}
            </ol>
            <p className="mt-2 text-xs text-muted-foreground">
              Suggestion from AI · {result.credits} credit{result.credits === 1 ? "" : "s"}
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
}
