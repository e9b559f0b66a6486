// Where email goes, decided from the validated configuration (lib/config).
import "server-only";
import { getConfig } from "@/lib/config";

/**
 * The development mailbox (/dev/mailbox): DEV_MAILBOX when set, otherwise on in development
 * only. It shows every email, reset links included, to anyone who can reach the server: it is
 * for laptops, demos and end-to-end tests, never for a real deployment.
 */
export function isDevMailboxEnabled(): boolean {
  const { DEV_MAILBOX, NODE_ENV } = getConfig();
  return DEV_MAILBOX ?? NODE_ENV === "development";
}

export function emailSettings(): { smtpUrl?: string; from: string; appName: string } {
  const c = getConfig();
  return { smtpUrl: c.SMTP_URL, from: c.EMAIL_FROM, appName: c.APP_NAME };
}
