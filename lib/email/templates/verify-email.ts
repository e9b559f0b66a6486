// "Confirm your email address": sent after sign-up and on "send me a new link".
import type { RenderedEmail } from "../types";
import { renderLayout } from "./layout";

export type VerifyEmailParams = { name: string; link: string; expiresInHours?: number; appName?: string };

export function verificationEmail({
  name,
  link,
  expiresInHours = 24,
  appName = "Civitas",
}: VerifyEmailParams): RenderedEmail {
  const subject = `Confirm your email address for ${appName}`;
  return {
    subject,
    ...renderLayout({
      appName,
      preheader: "One click to confirm your email address.",
      greeting: `Hello ${name},`,
      paragraphs: [`Thanks for creating a ${appName} account. Please confirm that this is your email address.`],
      action: { label: "Verify email", url: link },
      notes: [
        `The link works once and expires in ${expiresInHours} hours.`,
        `If you did not create a ${appName} account, you can ignore this email.`,
      ],
    }),
  };
}
