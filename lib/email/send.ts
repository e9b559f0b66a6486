// The email adapter: the one way the app sends email.
//
//   SMTP_URL set   nodemailer delivers it; a failure is an ExternalServiceError.
//   otherwise      it is written to the log (recipient, subject, text body: without SMTP the log
//                  is the only place to find a verification or reset link) and, when the dev
//                  mailbox is on, stored for /dev/mailbox.
import "server-only";
import { ExternalServiceError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { storeInMailbox } from "./dev-mailbox";
import { emailSettings, isDevMailboxEnabled } from "./settings";
import { smtpTransport } from "./smtp";
import type { EmailDelivery, EmailMessage } from "./types";

// One address, no display name, no line breaks: the recipient is always a user's own address,
// and a CR/LF in it would be a header injection attempt.
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

let warnedNoSmtp = false;

export async function sendEmail(message: EmailMessage): Promise<EmailDelivery> {
  if (!ADDRESS.test(message.to)) throw new ValidationError("Not a valid email address", { to: ["Not a valid email address"] });
  const { smtpUrl, from } = emailSettings();

  if (smtpUrl) {
    try {
      const info = await smtpTransport(smtpUrl).sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
      logger.info({ event: "email.sent", subject: message.subject, message_id: info.messageId }, "email sent");
      return { transport: "smtp", mailbox: false };
    } catch (err) {
      logger.error({ event: "email.failed", subject: message.subject, err }, "email could not be sent");
      throw new ExternalServiceError("The email could not be sent. Please try again later.", { cause: err });
    }
  }

  if (!warnedNoSmtp && process.env.NODE_ENV === "production") {
    warnedNoSmtp = true;
    logger.warn({ event: "email.no_smtp" }, "SMTP_URL is not set: emails are only written to the log");
  }
  logger.info({ event: "email.logged", to: message.to, subject: message.subject, text: message.text }, "email (not sent: no SMTP_URL)");
  const mailbox = isDevMailboxEnabled();
  if (mailbox) await storeInMailbox(message);
  return { transport: "log", mailbox };
}
