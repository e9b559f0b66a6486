import { Skeleton } from "@/components/ui/skeleton";

/** Streams instantly while the dashboard's data loads; shaped like the page to avoid a jump. */
export default function DashboardLoading() {
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading dashboard…
      </p>
      <div>
        <Skeleton className="h-8 w-40" />
        <Skeleton className="mt-2 h-4 w-64 max-w-full" />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((key) => (
          <div key={key} className="rounded-xl border border-border bg-surface p-5 shadow-sm">
            <Skeleton className="h-5 w-28" />
            <Skeleton className="mt-4 h-8 w-20" />
            <Skeleton className="mt-2 h-4 w-40 max-w-full" />
          </div>
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {[0, 1].map((key) => (
          <div key={key} className="rounded-xl border border-border bg-surface p-5 shadow-sm">
            <Skeleton className="h-5 w-36" />
            <Skeleton className="mt-2 h-4 w-64 max-w-full" />
            <Skeleton className="mt-6 h-44 w-full" />
          </div>
        ))}
      </div>
      <div className="rounded-xl border border-border bg-surface p-5 shadow-sm">
        <Skeleton className="h-5 w-32" />
        <div className="mt-6 flex flex-col gap-3">
          {[0, 1, 2, 3, 4].map((key) => (
            <Skeleton key={key} className="h-9 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
