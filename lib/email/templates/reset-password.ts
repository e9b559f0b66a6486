// "Reset your password": sent for a reset request on a known address.
import type { RenderedEmail } from "../types";
import { renderLayout } from "./layout";

export type ResetPasswordParams = { name: string; link: string; expiresInMinutes?: number; appName?: string };

export function resetPasswordEmail({
  name,
  link,
  expiresInMinutes = 60,
  appName = "Civitas",
}: ResetPasswordParams): RenderedEmail {
  return {
    subject: `Reset your ${appName} password`,
    ...renderLayout({
      appName,
      preheader: "A link to choose a new password.",
      greeting: `Hello ${name},`,
      paragraphs: [
        `Someone asked to reset the password of the ${appName} account for this email address. If it was you, choose a new password here.`,
        "Resetting the password signs this account out on every device.",
      ],
      action: { label: "Reset password", url: link },
      notes: [
        `The link works once and expires in ${expiresInMinutes} minutes.`,
        "If you did not ask for this, ignore this email: your password stays as it is.",
      ],
    }),
  };
}
