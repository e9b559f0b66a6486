import type { ComponentPropsWithoutRef } from "react";
import { cn } from "@/components/ui/cn";

/** A native select styled like Input: native for keyboard, screen readers and mobile pickers. */
export function Select({ className, ...props }: ComponentPropsWithoutRef<"select">) {
  return (
    <select
      className={cn(
        "h-10 w-full rounded-lg border border-border bg-surface px-3 text-sm text-foreground shadow-sm",
        "focus-visible:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-500/40",
        "aria-invalid:border-red-500 disabled:cursor-not-allowed disabled:opacity-60",
        className,
      )}
      {...props}
    />
  );
}
