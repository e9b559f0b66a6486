import Link from "next/link";
import { caseStatusLabel } from "./case-labels";
import { formatRelative, type FormatSettings } from "@/lib/format/format";
import type { DashboardSummary } from "@/lib/dashboard/types";

const VERBS: Record<string, string> = {
  CREATED: "opened",
  NOTE: "added a note to",
  STATUS_CHANGED: "moved",
  ASSIGNED: "reassigned",
  UPDATED: "edited",
};

/** A short feed of what colleagues did lately, linking to each case. */
export function RecentActivity({
  slug,
  items,
  format,
  now,
}: {
  slug: string;
  items: DashboardSummary["recentActivity"];
  format: FormatSettings;
  now: Date;
}) {
  if (items.length === 0) return <p className="px-5 pb-5 text-sm text-muted-foreground">Nothing has happened yet.</p>;
  return (
    <ul className="divide-y divide-border px-5 pb-3 text-sm">
      {items.map((a) => (
        <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2.5">
          <span>
            <span className="font-medium text-foreground">{a.author ?? "Someone"}</span> {VERBS[a.kind] ?? "changed"}{" "}
            <Link
              href={`/${slug}/cases/${a.caseId}`}
              className="font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              {a.caseTitle}
            </Link>
            {a.kind === "STATUS_CHANGED" && a.toStatus ? ` to ${caseStatusLabel[a.toStatus].toLowerCase()}` : ""}
          </span>
          <time dateTime={a.at.toISOString()} className="text-xs text-muted-foreground">
            {formatRelative(a.at, now, format)}
          </time>
        </li>
      ))}
    </ul>
  );
}
