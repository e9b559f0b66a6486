import type { Metadata } from "next";
import Link from "next/link";
import { MessageList } from "@/components/mailbox/message-list";
import { buttonClasses } from "@/components/ui/button";
import { listMailbox, requireDevMailbox } from "@/lib/email/dev-mailbox";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false, follow: false } };

/** Every email the app "sent" without an SMTP server, newest first. 404 unless DEV_MAILBOX is on. */
export default async function MailboxPage() {
  requireDevMailbox();
  const messages = await listMailbox();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">Emails</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            No SMTP server is configured, so emails are kept here instead of being sent. For development and tests only.
          </p>
        </div>
        <Link href="/dev/mailbox" className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Refresh
        </Link>
      </div>
      <MessageList messages={messages} />
    </div>
  );
}
