import type { FormatSettings } from "@/lib/format/format";
// The case's history, oldest first (so it reads like a conversation and the note form below
// continues it): who opened it, moved it, reassigned it, edited it, and every note.
// Note bodies are rendered as text (React escapes them) with their line breaks kept.
import type { TimelineEntry } from "@/lib/cases/read";
import { cn } from "@/components/ui/cn";
import { ChatIcon, DocumentIcon, FolderIcon, HistoryIcon, UsersIcon } from "@/components/ui/icons";
import { describeUpdate, statusName } from "./labels";
import { Timestamp } from "./timestamp";

type Props = { entries: TimelineEntry[]; now: Date; format: FormatSettings };

const ICONS = {
  CREATED: FolderIcon,
  STATUS_CHANGED: HistoryIcon,
  ASSIGNED: UsersIcon,
  UPDATED: DocumentIcon,
  NOTE: ChatIcon,
} as const;

function describe(entry: TimelineEntry): React.ReactNode {
  const who = <span className="font-medium text-foreground">{entry.authorName ?? "The system"}</span>;
  switch (entry.kind) {
    case "CREATED":
      return <>{who} opened the case</>;
    case "STATUS_CHANGED":
      return entry.fromStatus && entry.toStatus ? (
        <>
          {who} moved it from {statusName(entry.fromStatus)} to {statusName(entry.toStatus)}
        </>
      ) : (
        <>{who} changed the status</>
      );
    case "ASSIGNED":
      return entry.assigneeName ? (
        <>
          {who} assigned it to <span className="font-medium text-foreground">{entry.assigneeName}</span>
        </>
      ) : (
        <>{who} removed the assignee</>
      );
    case "UPDATED":
      return (
        <>
          {who} {describeUpdate(entry.body)}
        </>
      );
    case "NOTE":
      return <>{who} added a note</>;
  }
}

export function CaseTimeline({ entries, now, format }: Props) {
  if (entries.length === 0)
    return <p className="text-sm text-muted-foreground">Nothing has happened on this case yet.</p>;
  return (
    <ol className="flex flex-col">
      {entries.map((entry, index) => {
        const Icon = ICONS[entry.kind];
        const showsBody = entry.kind === "NOTE" || (entry.kind === "STATUS_CHANGED" && entry.body);
        return (
          <li
            key={entry.id}
            // The anchor AI summary citations link to (#event-<id>); :target highlights the entry.
            id={`event-${entry.id}`}
            className="relative flex scroll-mt-24 gap-3 rounded-lg pb-6 last:pb-0 target:bg-brand-50 target:ring-2 target:ring-brand-400 dark:target:bg-brand-400/15"
          >
            {index < entries.length - 1 ? (
              <span aria-hidden="true" className="absolute top-9 bottom-1 left-4 w-px bg-border" />
            ) : null}
            <span
              className={cn(
                "flex size-8 shrink-0 items-center justify-center rounded-full ring-1 ring-border",
                entry.kind === "NOTE"
                  ? "bg-brand-50 text-brand-700 dark:bg-brand-400/15 dark:text-brand-200"
                  : "bg-surface-muted text-muted-foreground",
              )}
            >
              <Icon className="size-4" />
            </span>
            <div className="min-w-0 flex-1 pt-1">
              <p className="text-sm text-muted-foreground">{describe(entry)}</p>
              <p className="mt-0.5 text-xs text-muted-foreground">
                <Timestamp date={entry.createdAt} now={now} format={format} />
              </p>
              {showsBody ? (
                <p className="mt-2 rounded-lg border border-border bg-surface-muted/50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-foreground">
                  {entry.body}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
