import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the cases list (heading, filters, table) so nothing jumps when it arrives. */
export default function CasesLoading() {
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading cases…
      </p>
      <div className="flex items-start justify-between gap-4">
        <div>
          <Skeleton className="h-8 w-28" />
          <Skeleton className="mt-2 h-4 w-72 max-w-full" />
        </div>
        <Skeleton className="h-10 w-28" />
      </div>
      <div className="grid gap-4 rounded-xl border border-border bg-surface p-5 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3, 4, 5, 6, 7].map((key) => (
          <div key={key}>
            <Skeleton className="h-4 w-20" />
            <Skeleton className="mt-2 h-10 w-full" />
          </div>
        ))}
      </div>
      <div className="rounded-xl border border-border bg-surface p-5 shadow-sm">
        <div className="flex flex-col gap-3">
          {[0, 1, 2, 3, 4, 5, 6, 7].map((key) => (
            <Skeleton key={key} className="h-9 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
