import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MessageView } from "@/components/mailbox/message-view";
import { getMailboxMessage, requireDevMailbox } from "@/lib/email/dev-mailbox";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = {
  title: "Email · Development mailbox",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function MailboxMessagePage({ params }: Props) {
  requireDevMailbox();
  const { id } = await params;
  const message = await getMailboxMessage(id);
  if (!message) notFound();
  return (
    <div className="flex flex-col gap-4">
      <Link
        href="/dev/mailbox"
        className="self-start text-sm font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300"
      >
        ← All emails
      </Link>
      <MessageView message={message} />
    </div>
  );
}
