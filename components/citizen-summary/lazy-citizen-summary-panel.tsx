"use client";
// Loaded only on pages of tenants that have the citizen summary (React.lazy), in its own error
// boundary and Suspense fallback, so it never holds up or breaks the rest of the citizen page.
import { lazy, Suspense, type ComponentProps } from "react";
import { AiErrorBoundary } from "@/components/ai/ai-error-boundary";
import { Skeleton } from "@/components/ui/skeleton";

const CitizenSummaryPanel = lazy(() =>
  import("./citizen-summary-panel").then((m) => ({ default: m.CitizenSummaryPanel })),
);

export function LazyCitizenSummaryPanel(props: ComponentProps<typeof CitizenSummaryPanel>) {
  return (
    <AiErrorBoundary label="The AI summary">
      <Suspense fallback={<Skeleton className="h-40 w-full rounded-xl" />}>
        <CitizenSummaryPanel {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}
