import type { ComponentPropsWithRef } from "react";
import { cn } from "@/components/ui/cn";

/** Text input; an invalid state comes from aria-invalid so styling and semantics can't drift. */
export function Input({ className, ...props }: ComponentPropsWithRef<"input">) {
  return (
    <input
      className={cn(
        "block h-10 w-full rounded-lg border border-border bg-surface px-3 text-base text-foreground shadow-sm sm:text-sm",
        "placeholder:text-muted-foreground focus-visible:border-brand-600 dark:focus-visible:border-brand-300",
        "aria-invalid:border-red-600 dark:aria-invalid:border-red-400",
        "disabled:cursor-not-allowed disabled:opacity-60",
        className,
      )}
      {...props}
    />
  );
}
