import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ArrowRightIcon } from "@/components/ui/icons";
import { auditSearchString, type AuditFilters } from "@/lib/audit/schemas";

type Props = { basePath: string; filters: Partial<AuditFilters>; cursor?: string; nextCursor: string | null };

/** Keyset pages only go back in time; "Newest events" returns to the top, filters kept. */
export function AuditPager({ basePath, filters, cursor, nextCursor }: Props) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-end gap-2 border-t border-border px-4 py-3">
      {cursor ? (
        <Link
          href={`${basePath}${auditSearchString(filters)}`}
          className={buttonClasses({ variant: "ghost", size: "sm" })}
        >
          Newest events
        </Link>
      ) : null}
      {nextCursor ? (
        <Link
          href={`${basePath}${auditSearchString(filters, { cursor: nextCursor })}`}
          className={buttonClasses({ variant: "secondary", size: "sm" })}
        >
          Older events
          <ArrowRightIcon className="size-4" />
        </Link>
      ) : null}
    </nav>
  );
}
