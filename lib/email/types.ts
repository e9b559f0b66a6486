// What the email adapter sends and what a template renders. Client-safe (types only).

/** One outgoing email. `text` is required: it is what the dev mailbox and plain-text clients show. */
export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
};

/** A rendered template: subject and both bodies, ready for `sendEmail({ to, ...rendered })`. */
export type RenderedEmail = { subject: string; text: string; html: string };

/** How a message left: through SMTP, or not at all ("log": only a line naming domain and subject; the dev mailbox keeps it when enabled). */
export type EmailDelivery = { transport: "smtp" | "log"; mailbox: boolean };
