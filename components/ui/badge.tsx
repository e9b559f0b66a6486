import type { ComponentPropsWithoutRef } from "react";
import { cn } from "@/components/ui/cn";

export type BadgeTone = "neutral" | "blue" | "amber" | "violet" | "green" | "orange" | "red";

// The tones' colours are CSS classes (app/globals.css, "badge-<tone>"): a badge is on every row
// of a list, and its utility string was ~170 bytes sent twice per badge (HTML and RSC payload).

export function Badge({
  tone = "neutral",
  className,
  ...props
}: ComponentPropsWithoutRef<"span"> & { tone?: BadgeTone }) {
  return <span className={cn("badge", `badge-${tone}`, className)} {...props} />;
}
