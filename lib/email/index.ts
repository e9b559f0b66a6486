// The email adapter's server-side surface. Templates are pure and may be imported directly
// from lib/email/templates.
import "server-only";

export { sendEmail } from "./send";
export { deliverWithin, flushEmails, sleepUntil } from "./background";
export { appUrl, requestOrigin } from "./app-url";
export { isDevMailboxEnabled } from "./settings";
export type { EmailMessage, EmailDelivery, RenderedEmail } from "./types";
