"use client";
// Loaded only for tenants that have natural-language search (React.lazy), in its own error
// boundary and Suspense fallback, so it never holds up or breaks the list below it.
import { lazy, Suspense, type ComponentProps } from "react";
import { AiErrorBoundary } from "@/components/ai/ai-error-boundary";
import { Skeleton } from "@/components/ui/skeleton";

const NlSearch = lazy(() => import("./nl-search").then((m) => ({ default: m.NlSearch })));

export function LazyNlSearch(props: ComponentProps<typeof NlSearch>) {
  return (
    <AiErrorBoundary label="Search in your own words">
      <Suspense fallback={<Skeleton className="h-20 w-full rounded-lg" />}>
        <NlSearch {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}
