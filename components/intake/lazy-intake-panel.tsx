"use client";
// Loaded only for tenants that have the intake feature (React.lazy), in its own error boundary and
// Suspense fallback, so it never holds up or breaks the rest of the page.
import { lazy, Suspense, type ComponentProps } from "react";
import { AiErrorBoundary } from "@/components/ai/ai-error-boundary";
import { Skeleton } from "@/components/ui/skeleton";

const IntakePanel = lazy(() => import("./intake-panel").then((m) => ({ default: m.IntakePanel })));

export function LazyIntakePanel(props: ComponentProps<typeof IntakePanel>) {
  return (
    <AiErrorBoundary label="Intake from a letter">
      <Suspense fallback={<Skeleton className="h-48 w-full rounded-xl" />}>
        <IntakePanel {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}
