"use client";
// Loaded only on pages of tenants that have the reply draft feature (React.lazy), in its own
// error boundary and Suspense fallback, so it never holds up or breaks the rest of the case page.
import { lazy, Suspense, type ComponentProps } from "react";
import { AiErrorBoundary } from "@/components/ai/ai-error-boundary";
import { Skeleton } from "@/components/ui/skeleton";

const ReplyDraftPanel = lazy(() => import("./reply-draft-panel").then((m) => ({ default: m.ReplyDraftPanel })));

export function LazyReplyDraftPanel(props: ComponentProps<typeof ReplyDraftPanel>) {
  return (
    <AiErrorBoundary label="The AI reply draft">
      <Suspense fallback={<Skeleton className="h-40 w-full rounded-xl" />}>
        <ReplyDraftPanel {...props} />
      </Suspense>
    </AiErrorBoundary>
  );
}
