// The email adapter: the one way the app sends email.
//
//   SMTP_URL set   nodemailer delivers it; a failure is an ExternalServiceError.
//   otherwise      it is stored for /dev/mailbox when the dev mailbox is on, and dropped when
//                  not (production allows that only with EMAIL_DROP_ALLOWED, lib/config).
// The log never sees a body, a link or an address: emails carry sign-in secrets (reset,
// verification and invitation tokens) and logs are read by more people, for longer. It gets
// the recipient's domain and the subject, enough to tell which email went where.
import "server-only";
import { ExternalServiceError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { emailDomain } from "@/lib/log/scrub";
import { storeInMailbox } from "./dev-mailbox";
import { emailSettings, isDevMailboxEnabled } from "./settings";
import { smtpTransport } from "./smtp";
import type { EmailDelivery, EmailMessage } from "./types";

// One address, no display name, no line breaks: the recipient is always a user's own address,
// and a CR/LF in it would be a header injection attempt.
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

let warnedNoSmtp = false;

export async function sendEmail(message: EmailMessage): Promise<EmailDelivery> {
  if (!ADDRESS.test(message.to))
    throw new ValidationError("Not a valid email address", { to: ["Not a valid email address"] });
  const { smtpUrl, from } = emailSettings();

  if (smtpUrl) {
    try {
      const info = await smtpTransport(smtpUrl).sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      logger.info(
        {
          event: "email.sent",
          to_domain: emailDomain(message.to),
          subject: message.subject,
          message_id: info.messageId,
        },
        "email sent",
      );
      return { transport: "smtp", mailbox: false };
    } catch (err) {
      logger.error({ event: "email.failed", subject: message.subject, err }, "email could not be sent");
      throw new ExternalServiceError("The email could not be sent. Please try again later.", { cause: err });
    }
  }

  const mailbox = isDevMailboxEnabled();
  if (!warnedNoSmtp && process.env.NODE_ENV === "production") {
    warnedNoSmtp = true;
    logger.warn(
      { event: "email.no_smtp", dev_mailbox: mailbox },
      mailbox ? "SMTP_URL is not set: emails only go to /dev/mailbox" : "SMTP_URL is not set: emails are dropped",
    );
  }
  if (mailbox) await storeInMailbox(message);
  logger.info(
    {
      event: mailbox ? "email.mailbox" : "email.dropped",
      to_domain: emailDomain(message.to),
      subject: message.subject,
    },
    mailbox ? "email kept in the dev mailbox (no SMTP_URL)" : "email dropped (no SMTP_URL)",
  );
  return { transport: "log", mailbox };
}
