import { Skeleton } from "@/components/ui/skeleton";

export default function NewCaseLoading() {
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <div>
        <Skeleton className="h-4 w-24" />
        <Skeleton className="mt-2 h-8 w-48" />
      </div>
      <div className="rounded-xl border border-border bg-surface p-5 shadow-sm">
        <Skeleton className="h-5 w-48" />
        <Skeleton className="mt-2 h-4 w-80 max-w-full" />
        <div className="mt-6 grid gap-4 sm:grid-cols-2">
          <Skeleton className="h-16 sm:col-span-2" />
          <Skeleton className="h-32 sm:col-span-2" />
          {[0, 1, 2, 3].map((key) => (
            <Skeleton key={key} className="h-16" />
          ))}
        </div>
      </div>
    </div>
  );
}
