// Sent instead of a verification email when someone signs up with an address that already has
// an account. The sign-up form answers the same either way (no account enumeration); the owner
// of the address learns what happened and how to get back in.
import type { RenderedEmail } from "../types";
import { renderLayout } from "./layout";

export type AccountExistsParams = { name: string; signInLink: string; forgotPasswordLink: string; appName?: string };

export function accountExistsEmail({
  name,
  signInLink,
  forgotPasswordLink,
  appName = "Civitas",
}: AccountExistsParams): RenderedEmail {
  return {
    subject: `You already have a ${appName} account`,
    ...renderLayout({
      appName,
      preheader: "Someone tried to sign up with this address.",
      greeting: `Hello ${name},`,
      paragraphs: [
        `Someone (hopefully you) tried to create a new ${appName} account with this email address. You already have an account, so nothing was changed.`,
        `Sign in with your existing account. If you have forgotten your password, you can reset it here: ${forgotPasswordLink}`,
      ],
      action: { label: "Sign in", url: signInLink },
      notes: ["If this wasn't you, you can ignore this email: nobody can use your account without your password."],
    }),
  };
}
