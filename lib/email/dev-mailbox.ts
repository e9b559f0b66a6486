// The development mailbox: emails kept in the mailbox_messages table when no SMTP server is
// configured and DEV_MAILBOX is on, shown at /dev/mailbox. A global model (no tenant).
import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import type { EmailMessage } from "./types";
import { isDevMailboxEnabled } from "./settings";
import { isUuid } from "@/lib/validation/uuid";

/** The mailbox keeps this many messages; older ones are dropped as new ones arrive. */
const KEEP = 500;

export type MailboxSummary = { id: string; to: string; subject: string; createdAt: Date };
export type MailboxEntry = MailboxSummary & { text: string; html: string | null };

export async function storeInMailbox(message: EmailMessage): Promise<string> {
  const db = await getDb();
  const row = await db.mailboxMessage.create({
    data: { to: message.to, subject: message.subject, text: message.text, html: message.html ?? null },
    select: { id: true },
  });
  // A demo that runs for weeks must not grow the table without end. Cheap: created_at is indexed.
  await db.$executeRaw`
    DELETE FROM mailbox_messages WHERE created_at < (
      SELECT created_at FROM mailbox_messages ORDER BY created_at DESC OFFSET ${KEEP - 1} LIMIT 1)`;
  return row.id;
}

export async function listMailbox(limit = 100): Promise<MailboxSummary[]> {
  const db = await getDb();
  return db.mailboxMessage.findMany({
    select: { id: true, to: true, subject: true, createdAt: true },
    // id breaks ties between messages stored in the same millisecond, so the order is stable.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

export async function getMailboxMessage(id: string): Promise<MailboxEntry | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  return db.mailboxMessage.findUnique({
    where: { id },
    select: { id: true, to: true, subject: true, createdAt: true, text: true, html: true },
  });
}

/** For the /dev/mailbox pages: a 404 unless the mailbox is on, so it does not exist elsewhere. */
export function requireDevMailbox(): void {
  if (!isDevMailboxEnabled()) notFound();
}
