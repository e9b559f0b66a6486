"use client";
// Loaded only on the cases list of tenants that have bulk classification (React.lazy), each
// part in its own error boundary and Suspense fallback, so neither holds up or breaks the list.
import { lazy, Suspense, type ComponentProps } from "react";
import { AiErrorBoundary } from "@/components/ai/ai-error-boundary";
import { Skeleton } from "@/components/ui/skeleton";

const BulkClassificationBar = lazy(() =>
  import("./bulk-classification-bar").then((m) => ({ default: m.BulkClassificationBar })),
);
const ClassificationRunPanel = lazy(() =>
  import("./classification-run-panel").then((m) => ({ default: m.ClassificationRunPanel })),
);

export function LazyBulkClassificationBar(props: ComponentProps<typeof BulkClassificationBar>) {
  return (
    <AiErrorBoundary label="Bulk classification">
      <Suspense fallback={<Skeleton className="h-28 w-full rounded-xl" />}>
        <BulkClassificationBar {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}

export function LazyClassificationRunPanel(props: ComponentProps<typeof ClassificationRunPanel>) {
  return (
    <AiErrorBoundary label="The bulk classification's progress">
      <Suspense fallback={<Skeleton className="h-24 w-full rounded-xl" />}>
        <ClassificationRunPanel {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}
