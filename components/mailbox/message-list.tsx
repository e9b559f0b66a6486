import Link from "next/link";
import type { MailboxSummary } from "@/lib/email/dev-mailbox";
import { formatMailTime } from "./format";

/**
 * The stored emails, newest first. Each row is one link whose accessible name holds the
 * recipient, the subject and the time, so a test (or a screen reader user) can pick "the newest
 * email to x@example.org" by name.
 */
export function MessageList({ messages }: { messages: MailboxSummary[] }) {
  if (messages.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-border px-6 py-12 text-center">
        <p className="font-medium text-foreground">No emails yet</p>
        <p className="mt-1 text-sm text-muted-foreground">
          Sign up, ask for a password reset or invite someone: the email will appear here.
        </p>
      </div>
    );
  }
  return (
    <ul
      aria-label="Emails, newest first"
      className="divide-y divide-border overflow-hidden rounded-xl border border-border bg-surface shadow-sm"
    >
      {messages.map((m) => (
        <li key={m.id}>
          <Link
            href={`/dev/mailbox/${m.id}`}
            className="flex flex-col gap-0.5 px-4 py-3 hover:bg-surface-muted focus-visible:bg-surface-muted sm:flex-row sm:items-baseline sm:gap-4"
          >
            <span className="min-w-0 truncate text-sm text-muted-foreground sm:w-56 sm:shrink-0">
              <span className="sr-only">To: </span>
              {m.to}
            </span>
            <span className="min-w-0 flex-1 truncate font-medium text-foreground">{m.subject}</span>
            <time dateTime={m.createdAt.toISOString()} className="shrink-0 text-xs text-muted-foreground tabular-nums">
              {formatMailTime(m.createdAt)}
            </time>
          </Link>
        </li>
      ))}
    </ul>
  );
}
