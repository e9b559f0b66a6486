// Email delivery that a response does not wait for beyond a deadline. Sign-up and password
// reset must answer in the same time whether or not an email goes out (otherwise the time
// tells whether an account exists), and an SMTP server can take seconds. The delivery starts
// now; the caller waits for it at most `waitMs`, then answers while it carries on. Failures
// are logged, never thrown at the user (who could not act on them, and must not learn them).
//
// Deliveries still running are tracked, so a shutdown (or a test) can wait for them:
// `await flushEmails()`.
import "server-only";
import { logger } from "@/lib/log/logger";
import { sendEmail } from "./send";
import { emailSettings } from "./settings";
import type { EmailMessage } from "./types";

const g = globalThis as unknown as { civitasEmailsInFlight?: Set<Promise<void>> };
const inFlight = (g.civitasEmailsInFlight ??= new Set());

/**
 * Starts delivering `message`; resolves when it is done or, over SMTP, after `waitMs` if that
 * comes first. Never throws.
 */
export async function deliverWithin(message: EmailMessage, waitMs: number): Promise<void> {
  const delivery: Promise<void> = sendEmail(message).then(
    () => undefined,
    (err: unknown) =>
      logger.error({ event: "email.background_failed", subject: message.subject, err }, "email delivery failed"),
  );
  inFlight.add(delivery);
  void delivery.finally(() => inFlight.delete(delivery));
  // Without SMTP the "delivery" is a log line and a local insert, over in milliseconds: wait
  // for it, so the email is in the dev mailbox by the time the page says "check your email".
  if (!emailSettings().smtpUrl) return delivery;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([delivery, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, waitMs))))]);
  clearTimeout(timer);
}

/** Waits until every delivery started so far has finished (or failed). */
export async function flushEmails(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** Resolves at `deadline` (ms since the epoch), at once when it has passed: the response floor. */
export function sleepUntil(deadline: number): Promise<void> {
  const ms = deadline - Date.now();
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
