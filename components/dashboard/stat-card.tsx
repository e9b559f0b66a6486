import { cn } from "@/components/ui/cn";
import type { UsersIcon } from "@/components/ui/icons";

type Props = {
  label: string;
  value: string;
  hint: string;
  Icon: typeof UsersIcon;
  /** Draws attention to a number that needs action (e.g. overdue cases). */
  tone?: "default" | "warning";
};

/** One headline number. Rendered inside a <dl>, so label and value are announced as a pair. */
export function StatCard({ label, value, hint, Icon, tone = "default" }: Props) {
  const warning = tone === "warning";
  return (
    <div className="rounded-xl border border-border bg-surface p-5 shadow-sm">
      <dt className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
        <span
          className={cn(
            "flex size-8 items-center justify-center rounded-lg",
            warning
              ? "bg-red-50 text-red-700 dark:bg-red-400/10 dark:text-red-300"
              : "bg-brand-50 text-brand-700 dark:bg-brand-400/10 dark:text-brand-300",
          )}
        >
          <Icon className="size-4" />
        </span>
        {label}
      </dt>
      <dd
        className={cn(
          "mt-3 text-3xl font-semibold tracking-tight tabular-nums",
          warning ? "text-red-700 dark:text-red-300" : "text-foreground",
        )}
      >
        {value}
      </dd>
      <dd className="mt-1 text-sm text-muted-foreground">{hint}</dd>
    </div>
  );
}
