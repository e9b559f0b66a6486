import { cn } from "@/components/ui/cn";

/** A textarea styled like components/ui/input.tsx (there is no shared Textarea primitive yet). */
export function textareaClasses(className?: string): string {
  return cn(
    "block w-full rounded-lg border border-border bg-surface px-3 py-2 text-base text-foreground shadow-sm sm:text-sm",
    "placeholder:text-muted-foreground focus-visible:border-brand-600 dark:focus-visible:border-brand-300",
    "aria-invalid:border-red-600 dark:aria-invalid:border-red-400",
    "disabled:cursor-not-allowed disabled:opacity-60",
    className,
  );
}
