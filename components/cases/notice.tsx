import { AlertIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

/** A message about the page itself (bad filters, a missing citizen), amber for "fix this", red for errors. */
export function Notice({
  tone = "warning",
  children,
  className,
}: {
  tone?: "warning" | "error";
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "flex items-start gap-2 rounded-lg border px-3 py-2.5 text-sm",
        tone === "error"
          ? "border-red-300 bg-red-50 text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200"
          : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100",
        className,
      )}
    >
      <AlertIcon className="mt-px size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
