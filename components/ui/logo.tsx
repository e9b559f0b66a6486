import { cn } from "@/components/ui/cn";

/** The Civitas mark (a stylised civic building) with the wordmark. */
export function Logo({ className, showWordmark = true }: { className?: string; showWordmark?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold text-foreground", className)}>
      <svg
        viewBox="0 0 32 32"
        aria-hidden="true"
        focusable="false"
        className="size-8 shrink-0 rounded-lg bg-brand-600 text-white"
      >
        <path
          d="M8 13h16M16 7l9 5H7zM10 14v8M14 14v8M18 14v8M22 14v8M7 24h18"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.8}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {showWordmark ? <span className="text-lg tracking-tight">Civitas</span> : null}
    </span>
  );
}
