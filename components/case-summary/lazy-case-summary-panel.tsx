"use client";
// The case summary panel's code is loaded only on pages of tenants that have the feature
// (React.lazy), inside its own error boundary and Suspense fallback, so it never holds up or
// breaks the rest of the case page.
import { lazy, Suspense, type ComponentProps } from "react";
import { AiErrorBoundary } from "@/components/ai/ai-error-boundary";
import { Skeleton } from "@/components/ui/skeleton";

const CaseSummaryPanel = lazy(() => import("./case-summary-panel").then((m) => ({ default: m.CaseSummaryPanel })));

export function LazyCaseSummaryPanel(props: ComponentProps<typeof CaseSummaryPanel>) {
  return (
    <AiErrorBoundary label="The AI summary">
      <Suspense fallback={<Skeleton className="h-40 w-full rounded-xl" />}>
        <CaseSummaryPanel {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}
