"use client";
// Today's briefing on the dashboard: the model's sentences with every number rendered from the
// stored, SQL-computed figures as a link to the filtered cases list, and the figures themselves
// as links. Empty state until the day's briefing exists; OWNER/ADMIN get "Generate now", which
// runs the job's own function (idempotent for the day). Loading, error with retry and the 402
// billing link; the credits used are shown after a call.
import Link from "next/link";
import { useState } from "react";
import { aiErrorFromBody, type AiStreamError } from "@/components/ai/ai-stream-reducer";
import { DemoAiBadge } from "@/components/ai/demo-ai-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SpinnerIcon } from "@/components/ui/icons";
import { briefingHref } from "@/lib/ai/features/briefing/briefing-links";
import type { BriefingView } from "@/lib/ai/features/briefing/read-briefing";
import type { BriefingNumbers } from "@/lib/ai/features/briefing/schemas";
import { briefingSegments } from "@/lib/ai/features/briefing/validate-briefing";
import type { WriteBriefingResult } from "@/lib/ai/features/briefing/write-briefing";
import { AiErrorAlert } from "@/components/ai/ai-error-alert";

type Props = { tenantSlug: string; day: string; initial: BriefingView | null; canGenerate: boolean; demo?: boolean };

const linkClass = "font-semibold text-primary underline underline-offset-2 hover:no-underline";

function NumberLink({ slug, n, refName, value }: { slug: string; n: BriefingNumbers; refName: string; value: number }) {
  const href = briefingHref(slug, n, refName);
  return href ? (
    <Link href={href} className={linkClass}>
      {value}
    </Link>
  ) : (
    <span className="font-semibold">{value}</span>
  );
}

export function BriefingPanel({ tenantSlug, day, initial, canGenerate, demo = false }: Props) {
  const [briefing, setBriefing] = useState(initial);
  const [credits, setCredits] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AiStreamError | null>(null);
  const n = briefing?.status === "ready" ? briefing.numbers : null;

  async function generate() {
    setLoading(true);
    setError(null);
    try {
      const response = await fetch(`/api/tenants/${encodeURIComponent(tenantSlug)}/briefing`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: "{}",
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) return setError(aiErrorFromBody(response.status, body));
      const result = body as WriteBriefingResult;
      setBriefing(result.briefing);
      setCredits(result.creditsUsed);
    } catch (err) {
      setError({
        code: "NETWORK_ERROR",
        message: err instanceof Error ? `Network error: ${err.message}` : "Network error",
      });
    } finally {
      setLoading(false);
    }
  }

  return (
    <Card aria-labelledby="briefing-heading">
      <CardHeader>
        <CardTitle id="briefing-heading" className="flex flex-wrap items-center gap-2">
          Daily briefing
          {demo ? <DemoAiBadge /> : null}
        </CardTitle>
        <CardDescription>
          Yesterday ({day}) in numbers, written up by AI; every number links to the cases it counts.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm" aria-live="polite" aria-busy={loading}>
        {n && briefing ? (
          <>
            <dl className="grid gap-3 sm:grid-cols-3" aria-label="Yesterday's figures">
              {(
                [
                  ["new", "New cases", n.newCases],
                  ["resolved", "Resolved", n.resolved],
                  ["overdue", "Overdue at day's end", n.overdue],
                ] as const
              ).map(([ref, label, value]) => (
                <div key={ref} className="rounded-lg border border-border p-3">
                  <dt className="text-xs text-muted-foreground">{label}</dt>
                  <dd className="mt-1 text-lg" data-testid={`briefing-${ref}`}>
                    <NumberLink slug={tenantSlug} n={n} refName={ref} value={value} />
                  </dd>
                </div>
              ))}
            </dl>
            {n.spikes.length ? (
              <ul aria-label="Category spikes" className="flex flex-wrap gap-2">
                {n.spikes.map((s, i) => (
                  <li key={s.category} className="rounded-full border border-border px-3 py-1">
                    {s.category}: <NumberLink slug={tenantSlug} n={n} refName={`spike:${i + 1}`} value={s.count} />{" "}
                    (usually {s.average})
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="flex flex-col gap-2 text-foreground">
              {briefing.sentences.map((sentence, i) => (
                <p key={i}>
                  {briefingSegments(sentence, n).map((seg, j) =>
                    "ref" in seg ? (
                      <NumberLink key={j} slug={tenantSlug} n={n} refName={seg.ref} value={seg.value} />
                    ) : (
                      <span key={j}>{seg.text}</span>
                    ),
                  )}
                </p>
              ))}
            </div>
            <p className="text-xs text-muted-foreground">
              AI-written around figures computed from your cases; the list behind a number is the record.
              {credits !== null ? ` · ${credits} ${credits === 1 ? "credit" : "credits"} used` : ""}
            </p>
          </>
        ) : briefing?.status === "generating" ? (
          <p className="flex items-center gap-2 text-muted-foreground">
            <SpinnerIcon className="size-4" />{" "}
            {briefing.batched
              ? "Today's briefing was sent to the batch service (half the price per token). It appears here when the answer arrives: usually within minutes, at most 24 hours."
              : "Today's briefing is being written. Reload in a minute."}
          </p>
        ) : loading ? (
          <p className="flex items-center gap-2 text-muted-foreground">
            <SpinnerIcon className="size-4" /> Counting yesterday&apos;s cases and writing the briefing…
          </p>
        ) : (
          <p className="text-muted-foreground">
            No briefing for today yet. It is written at the time set in the AI settings.
          </p>
        )}

        {error ? <AiErrorAlert error={error} className="" /> : null}

        {canGenerate && !n ? (
          <div>
            <Button size="sm" onClick={() => void generate()} disabled={loading || error?.code === "AI_NOT_CONFIGURED"}>
              {loading ? <SpinnerIcon className="size-4" /> : null}
              {error && error.code !== "AI_NOT_CONFIGURED" ? "Retry" : "Generate now"}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
