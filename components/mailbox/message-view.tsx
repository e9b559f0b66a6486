import type { MailboxEntry } from "@/lib/email/dev-mailbox";
import { extractLinks, linkifyText } from "@/lib/email/mailbox-links";
import { formatMailTime } from "./format";

const linkClass =
  "font-medium text-brand-700 underline underline-offset-2 break-all hover:text-brand-800 dark:text-brand-300 dark:hover:text-brand-200";

/**
 * One stored email. Its HTML is never rendered (no markup from a message reaches the page):
 * the labelled links are taken out of it as plain <a href> ("Verify email", "Reset password"),
 * and the text body is shown with its URLs made clickable. Only http(s) URLs become links.
 */
export function MessageView({ message }: { message: MailboxEntry }) {
  const links = extractLinks(message.html);
  return (
    <article aria-labelledby="mail-subject" className="rounded-xl border border-border bg-surface shadow-sm">
      <header className="border-b border-border px-5 py-4">
        <h1 id="mail-subject" className="text-lg font-semibold tracking-tight text-foreground">
          {message.subject}
        </h1>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-muted-foreground">To</dt>
          <dd className="text-foreground">{message.to}</dd>
          <dt className="text-muted-foreground">Received</dt>
          <dd className="text-foreground">
            <time dateTime={message.createdAt.toISOString()}>{formatMailTime(message.createdAt)}</time>
          </dd>
        </dl>
      </header>

      {links.length > 0 ? (
        <section aria-labelledby="mail-links" className="border-b border-border px-5 py-4">
          <h2 id="mail-links" className="text-sm font-semibold text-foreground">
            Links in this email
          </h2>
          <ul className="mt-2 flex flex-col gap-1.5">
            {links.map((link) => (
              <li key={`${link.label} ${link.href}`}>
                <a href={link.href} className={linkClass}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-label="Message text" className="px-5 py-4">
        <p className="text-sm leading-relaxed whitespace-pre-wrap text-foreground">
          {linkifyText(message.text).map((part, i) =>
            part.kind === "link" ? (
              <a key={i} href={part.href} className={linkClass}>
                {part.href}
              </a>
            ) : (
              <span key={i}>{part.value}</span>
            ),
          )}
        </p>
      </section>
    </article>
  );
}
