import { cn } from "@/components/ui/cn";

/** A grey placeholder block for loading states; hidden from assistive tech (a status says why). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-surface-muted", className)} />;
}
