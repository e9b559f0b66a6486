import { AlertIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

/** An error message for a whole form or page section. */
export function ErrorAlert({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <p
      className={cn(
        "flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200",
        className,
      )}
    >
      <AlertIcon className="mt-px size-4" />
      <span>{children}</span>
    </p>
  );
}
