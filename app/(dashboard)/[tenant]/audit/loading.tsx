import { Skeleton } from "@/components/ui/skeleton";

/** Streams at once while the events load; shaped like the page (title, filters, table). */
export default function AuditLoading() {
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading audit log…
      </p>
      <div className="flex flex-col gap-4 sm:flex-row sm:justify-between">
        <div>
          <Skeleton className="h-8 w-36" />
          <Skeleton className="mt-2 h-4 w-96 max-w-full" />
        </div>
        <Skeleton className="h-10 w-64 max-w-full" />
      </div>
      <div className="grid gap-4 rounded-xl border border-border bg-surface p-5 shadow-sm sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2, 3, 4].map((key) => (
          <div key={key}>
            <Skeleton className="h-4 w-24" />
            <Skeleton className="mt-2 h-10 w-full" />
          </div>
        ))}
      </div>
      <div className="rounded-xl border border-border bg-surface shadow-sm">
        <div className="flex flex-col gap-3 p-5">
          {[0, 1, 2, 3, 4, 5, 6, 7].map((key) => (
            <Skeleton key={key} className="h-10 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
