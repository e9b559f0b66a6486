import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the case page (header, facts, timeline, details form). */
export default function CaseLoading() {
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading case…
      </p>
      <div>
        <Skeleton className="h-4 w-24" />
        <Skeleton className="mt-2 h-8 w-96 max-w-full" />
        <Skeleton className="mt-2 h-4 w-48" />
      </div>
      <div className="flex gap-2">
        {[0, 1, 2].map((key) => (
          <Skeleton key={key} className="h-8 w-28" />
        ))}
      </div>
      <div className="grid gap-4 rounded-xl border border-border bg-surface p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((key) => (
          <div key={key}>
            <Skeleton className="h-3 w-16" />
            <Skeleton className="mt-2 h-6 w-32" />
          </div>
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="rounded-xl border border-border bg-surface p-5 shadow-sm">
          <Skeleton className="h-5 w-28" />
          <div className="mt-6 flex flex-col gap-5">
            {[0, 1, 2, 3].map((key) => (
              <div key={key} className="flex gap-3">
                <Skeleton className="size-8 rounded-full" />
                <div className="flex-1">
                  <Skeleton className="h-4 w-64 max-w-full" />
                  <Skeleton className="mt-2 h-3 w-40" />
                </div>
              </div>
            ))}
          </div>
        </div>
        <div className="rounded-xl border border-border bg-surface p-5 shadow-sm">
          <Skeleton className="h-5 w-28" />
          <div className="mt-6 flex flex-col gap-4">
            {[0, 1, 2, 3, 4].map((key) => (
              <Skeleton key={key} className="h-14 w-full" />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
