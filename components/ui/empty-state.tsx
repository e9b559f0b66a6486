import type { ComponentType } from "react";
import { SearchIcon } from "@/components/ui/icons";

/** What a list shows when there is nothing to list, and what to do about it. */
export function EmptyState({
  title,
  children,
  Icon = SearchIcon,
}: {
  title: string;
  children?: React.ReactNode;
  Icon?: ComponentType<{ className?: string }>;
}) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-surface-muted text-muted-foreground">
        <Icon className="size-6" />
      </span>
      <p className="font-medium text-foreground">{title}</p>
      {children ? <div className="max-w-sm text-sm text-muted-foreground">{children}</div> : null}
    </div>
  );
}
