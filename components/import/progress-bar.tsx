import { cn } from "@/components/ui/cn";

/**
 * A progress bar with its label. Without `value` it is indeterminate (no aria-valuenow, as
 * ARIA asks: "busy, amount unknown"). `valueText` is what a screen reader says instead of a
 * bare percentage ("12,000 of about 100,000 rows").
 */
export function ProgressBar({
  id,
  label,
  value,
  valueText,
}: {
  id: string;
  label: string;
  value?: number;
  valueText?: string;
}) {
  const pct = value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span id={`${id}-label`} className="font-medium text-foreground">
          {label}
        </span>
        {valueText ? <span className="text-muted-foreground tabular-nums">{valueText}</span> : null}
      </div>
      <div
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={valueText}
        className="h-2.5 w-full overflow-hidden rounded-full bg-surface-muted ring-1 ring-border ring-inset"
      >
        <div
          className={cn(
            "h-full rounded-full bg-brand-600 dark:bg-brand-400",
            pct === undefined
              ? "w-full animate-pulse opacity-60 motion-reduce:animate-none"
              : "transition-[width] duration-300 motion-reduce:transition-none",
          )}
          style={pct === undefined ? undefined : { width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
