"use client";
// Loaded only on pages of tenants that have the classification feature (React.lazy), in its own
// error boundary and Suspense fallback, so it never holds up or breaks the rest of the case page.
import { lazy, Suspense, type ComponentProps } from "react";
import { AiErrorBoundary } from "@/components/ai/ai-error-boundary";
import { Skeleton } from "@/components/ui/skeleton";

const CaseClassificationPanel = lazy(() =>
  import("./case-classification-panel").then((m) => ({ default: m.CaseClassificationPanel })),
);

export function LazyCaseClassificationPanel(props: ComponentProps<typeof CaseClassificationPanel>) {
  return (
    <AiErrorBoundary label="The AI classification">
      <Suspense fallback={<Skeleton className="h-32 w-full rounded-xl" />}>
        <CaseClassificationPanel {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}
